package dev.tpsync.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.StructureParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FactCacheTest {

    @TempDir
    Path dir;

    private final FileFacts facts = StructureParser.parse("kernel/nmi.c", Fixtures.RICH_C);
    private final String blob = FactCache.blobId(Fixtures.RICH_C.getBytes(StandardCharsets.ISO_8859_1));

    @Test
    void blobIdIsGitsHashObject() {
        // `printf 'hello\n' | git hash-object --stdin` and the empty blob
        assertThat(FactCache.blobId("hello\n".getBytes(StandardCharsets.US_ASCII)))
            .isEqualTo("ce013625030ba8dba906f756967f9e9ca394464a");
        assertThat(FactCache.blobId(new byte[0])).isEqualTo("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
        assertThat(FactCache.blobId(new byte[] {'c', 'a', 'f', (byte) 0xe9, 0, '\n'}))
            .isEqualTo("7e6737ab44cb3f547e9866fa8d388be1274e8c87");
    }

    @Test
    void missThenHit() {
        FactCache cache = FactCache.open(dir, "v1");
        assertThat(cache.get(blob, facts.path())).isEmpty();
        assertThat(cache.put(blob, facts.path(), facts)).isTrue();
        assertThat(cache.get(blob, facts.path())).contains(facts);
        assertThat(cache.entry(blob, facts.path()).getParent().getFileName().toString()).hasSize(2);
    }

    @Test
    void sameContentAtAnotherPathIsAMiss() {
        FactCache cache = FactCache.open(dir, "v1");
        cache.put(blob, facts.path(), facts);
        assertThat(cache.get(blob, "kernel/other.c")).isEmpty();
    }

    @Test
    void anotherVersionsEntriesAreIgnored() throws Exception {
        FactCache old = FactCache.open(dir, "facts-v0-000000000000");
        old.put(blob, facts.path(), facts);
        FactCache current = FactCache.open(dir, "facts-v1-000000000000");
        assertThat(current.get(blob, facts.path())).isEmpty();
        // Even an old entry copied into the new version's place is refused by its frame.
        Files.createDirectories(current.entry(blob, facts.path()).getParent());
        Files.copy(old.entry(blob, facts.path()), current.entry(blob, facts.path()));
        assertThat(current.get(blob, facts.path())).isEmpty();
        assertThat(current.entry(blob, facts.path())).doesNotExist();
    }

    @Test
    void theCachesOfOtherVersionsUnusedLongEnoughAreRemovedAndNothingElse() throws Exception {
        FactCache stale = FactCache.open(dir, "facts-v2-0123456789ab");
        FactCache recent = FactCache.open(dir, "facts-v2-ba9876543210");
        FactCache current = FactCache.open(dir, "facts-v3-000000000000");
        for (FactCache c : List.of(stale, recent, current)) {
            assertThat(c.put(blob, facts.path(), facts)).isTrue();
        }
        Files.writeString(dir.resolve("warm-up.lock"), "");
        Files.createDirectories(dir.resolve("notes"));
        java.time.Instant now = java.time.Instant.now();
        setModified(dir.resolve("facts-v2-0123456789ab"), now.minus(java.time.Duration.ofDays(30)));
        setModified(dir.resolve("facts-v2-ba9876543210"), now.minus(java.time.Duration.ofDays(3)));

        assertThat(current.otherVersionsWritten()).extracting(FactCache.OtherVersion::dir)
            .containsExactly(dir.resolve("facts-v2-0123456789ab"), dir.resolve("facts-v2-ba9876543210"));
        List<FactCache.OtherVersion> removed = current.removeUnusedVersions(java.time.Duration.ofDays(14), now);

        assertThat(removed).extracting(FactCache.OtherVersion::dir).containsExactly(dir.resolve("facts-v2-0123456789ab"));
        assertThat(removed.get(0).bytes()).isPositive();
        assertThat(dir.resolve("facts-v2-0123456789ab")).doesNotExist();
        assertThat(recent.get(blob, facts.path())).as("another version in use").contains(facts);
        assertThat(current.get(blob, facts.path())).contains(facts);
        assertThat(dir.resolve("warm-up.lock")).as("a warm-up may hold it").exists();
        assertThat(dir.resolve("notes")).as("not a version's").exists();

        current.clearOtherVersions();
        assertThat(dir.resolve("facts-v2-ba9876543210")).doesNotExist();
        assertThat(dir.resolve("warm-up.lock")).exists();
        assertThat(current.get(blob, facts.path())).contains(facts);
    }

    /** Sets the modification time of everything under {@code top} to {@code when}. */
    static void setModified(Path top, java.time.Instant when) throws java.io.IOException {
        try (java.util.stream.Stream<Path> all = Files.walk(top)) {
            for (Path p : all.toList()) {
                Files.setLastModifiedTime(p, java.nio.file.attribute.FileTime.from(when));
            }
        }
    }

    @Test
    void truncatedEntryIsDiscardedAndRewritten() throws Exception {
        FactCache cache = FactCache.open(dir, "v1");
        cache.put(blob, facts.path(), facts);
        Path entry = cache.entry(blob, facts.path());
        byte[] bytes = Files.readAllBytes(entry);
        for (int cut : new int[] {0, 3, 10, bytes.length / 2, bytes.length - 1}) {
            Files.write(entry, java.util.Arrays.copyOf(bytes, cut));
            assertThat(cache.get(blob, facts.path())).as("cut at %d", cut).isEmpty();
            assertThat(entry).doesNotExist();
            cache.put(blob, facts.path(), facts);
            assertThat(cache.get(blob, facts.path())).contains(facts);
        }
    }

    @Test
    void everySingleBitFlipIsDetected() throws Exception {
        FactCache cache = FactCache.open(dir, "v1");
        cache.put(blob, facts.path(), facts);
        Path entry = cache.entry(blob, facts.path());
        byte[] good = Files.readAllBytes(entry);
        for (int i = 0; i < good.length; i += Math.max(1, good.length / 97)) {
            byte[] bad = good.clone();
            bad[i] ^= (byte) (1 << (i % 8));
            Files.write(entry, bad);
            assertThat(cache.get(blob, facts.path())).as("flip at %d", i).isEmpty();
            Files.write(entry, good);
        }
        assertThat(cache.get(blob, facts.path())).contains(facts);
    }

    @Test
    void concurrentWritersOfTheSameKeysNeverCorruptThem() throws Exception {
        FactCache cache = FactCache.open(dir, "v1");
        List<FileFacts> all = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            all.add(StructureParser.parse("f" + i + ".c", Fixtures.RICH_C + "\nvoid g" + i + "(void) { f(); }\n"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                writers.add(pool.submit(() -> {
                    start.await();
                    for (int round = 0; round < 25; round++) {
                        for (FileFacts f : all) {
                            cache.put("blob", f.path(), f);
                            // A reader between writes sees a whole entry or none, never a torn one.
                            cache.get("blob", f.path()).ifPresent(read -> assertThat(read).isEqualTo(f));
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : writers) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        for (FileFacts f : all) {
            assertThat(cache.get("blob", f.path())).contains(f);
        }
        try (var files = Files.walk(dir)) {
            assertThat(files.filter(p -> p.getFileName().toString().startsWith(".tmp-"))).isEmpty();
        }
    }

    @Test
    void statsAndClear() throws Exception {
        FactCache cache = FactCache.open(dir.resolve("cache"), "v1");
        assertThat(cache.stats()).isEqualTo(new FactCache.Stats(0, 0, 0, 0, 0, 0, 0));
        cache.put(blob, "a.c", facts);
        cache.put(blob, "b.c", facts);
        // The stores beside the entries, and the lists the launcher reads, are not entries.
        ContextSummaries.of(cache).write("4b825dc642cb6eb9a060e54bf8d69288fbee4904", dev.tpsync.model.ContextSpec.kernelDefaults(),
            new dev.tpsync.model.ContextSummary(new java.util.TreeMap<>(), java.util.List.of()));
        FactCache.Stats stats = cache.stats();
        assertThat(stats.entries()).isEqualTo(2);
        assertThat(stats.summaries()).isEqualTo(1);
        assertThat(stats.bytes()).isPositive();
        cache.clear();
        assertThat(cache.stats().entries()).isZero();
        assertThat(cache.get(blob, "a.c")).isEmpty();
        assertThat(dir.resolve("cache")).isEmptyDirectory();
    }
}
