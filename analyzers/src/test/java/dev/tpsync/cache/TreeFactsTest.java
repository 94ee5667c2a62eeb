package dev.tpsync.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.source.ParallelParser;
import dev.tpsync.source.SourceTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeFactsTest {

    private static final FileTime AN_HOUR_AGO = FileTime.from(Instant.now().minusSeconds(3600));

    @TempDir
    Path root;

    @TempDir
    Path cacheDir;

    private SourceTree tree;
    private FactCache cache;

    @BeforeEach
    void writeTree() throws Exception {
        // More than 64 files, so the parser really runs in parallel.
        for (int i = 0; i < 80; i++) {
            Path file = root.resolve("dir" + i % 4).resolve("f" + i + (i % 5 == 0 ? ".h" : ".c"));
            Files.createDirectories(file.getParent());
            Files.writeString(file, i % 10 == 0 ? Fixtures.RICH_C : "static void f" + i + "(void)\n{\n\trcu_read_lock();\n"
                + "\tg" + i + "(1, 2);\n\trcu_read_unlock();\n}\n");
            Files.setLastModifiedTime(file, AN_HOUR_AGO);
        }
        tree = SourceTree.open(root);
        cache = FactCache.open(cacheDir, "test-v1");
    }

    private record Run(List<FileFacts> facts, CachedFactsSource.Counts counts) {
    }

    private Run run(FactCache c) {
        CachedFactsSource source = CachedFactsSource.open(tree, c);
        List<FileFacts> facts = new ParallelParser(2).parseAll(tree.sourceFiles(), source, n -> { });
        source.finish();
        return new Run(facts, source.counts());
    }

    private List<FileFacts> uncached() {
        return TreeFacts.load(tree, 2, Optional.empty());
    }

    @Test
    void coldParsesWarmOnlyStatsAndTheFactsAreIdentical() {
        Run cold = run(cache);
        assertThat(cold.counts().parsed()).isEqualTo(80);
        assertThat(cold.facts()).isEqualTo(uncached());

        Run warm = run(cache);
        assertThat(warm.counts().statHits()).isEqualTo(80);
        assertThat(warm.counts().parsed()).isZero();
        assertThat(warm.facts()).isEqualTo(uncached());
        assertThat(TreeFacts.load(tree, 1, Optional.of(cache))).isEqualTo(uncached());
    }

    @Test
    void noCacheReadsAndWritesNothing() throws Exception {
        assertThat(TreeFacts.load(tree, 2, Optional.empty())).hasSize(80);
        assertThat(cacheDir).isEmptyDirectory();
    }

    @Test
    void aSizeChangeIsReparsed() throws Exception {
        run(cache);
        Path f = root.resolve("dir1/f1.c");
        Files.writeString(f, Files.readString(f) + "void extra(void) { synchronize_rcu(); }\n");
        Files.setLastModifiedTime(f, AN_HOUR_AGO);

        Run warm = run(cache);
        assertThat(warm.counts().parsed()).isEqualTo(1);
        assertThat(warm.counts().statHits()).isEqualTo(79);
        assertThat(warm.facts()).isEqualTo(uncached());
    }

    @Test
    void aSameSizeEditWithANewMtimeIsReparsed() throws Exception {
        run(cache);
        Path f = root.resolve("dir1/f1.c");
        String before = Files.readString(f);
        Files.writeString(f, before.replace("rcu_read_lock", "srcu_read_lock"
            .substring(1)).replace("g1(", "h1("));
        assertThat(Files.size(f)).isEqualTo(before.length());
        Files.setLastModifiedTime(f, FileTime.from(AN_HOUR_AGO.toInstant().plusSeconds(60)));

        Run warm = run(cache);
        assertThat(warm.counts().parsed()).isEqualTo(1);
        assertThat(warm.facts()).isEqualTo(uncached());
    }

    @Test
    void aSameSizeSameMtimeEditRightAfterTheScanIsCaughtAsRacy() throws Exception {
        Path f = root.resolve("dir2/f2.c");
        FileTime justNow = FileTime.from(Instant.now());
        Files.setLastModifiedTime(f, justNow);
        run(cache);
        // Edited within the timestamp granularity of the scan: stat data alone cannot tell.
        Files.writeString(f, Files.readString(f).replace("g2(", "h2("));
        Files.setLastModifiedTime(f, justNow);

        Run warm = run(cache);
        assertThat(warm.counts().statHits()).isEqualTo(79);
        assertThat(warm.counts().parsed()).isEqualTo(1);
        assertThat(warm.facts()).isEqualTo(uncached());
    }

    @Test
    void aTouchedFileIsHashedNotParsed() throws Exception {
        run(cache);
        Files.setLastModifiedTime(root.resolve("dir3/f3.c"), FileTime.from(Instant.now().minusSeconds(60)));
        Run warm = run(cache);
        assertThat(warm.counts().hashHits()).isEqualTo(1);
        assertThat(warm.counts().parsed()).isZero();
        // The index now records the new mtime.
        assertThat(run(cache).counts().statHits()).isEqualTo(80);
    }

    @Test
    void switchingBackFindsTheOldVersionAsAPerFileEntry() throws Exception {
        run(cache);
        Path f = root.resolve("dir2/f6.c");
        String original = Files.readString(f);
        Files.writeString(f, original + "void later(void) { }\n");
        Files.setLastModifiedTime(f, FileTime.from(Instant.now().minusSeconds(120)));
        assertThat(run(cache).counts().parsed()).isEqualTo(1);

        Files.writeString(f, original);
        Files.setLastModifiedTime(f, FileTime.from(Instant.now().minusSeconds(60)));
        Run back = run(cache);
        assertThat(back.counts().entryHits()).isEqualTo(1);
        assertThat(back.counts().parsed()).isZero();
        assertThat(back.facts()).isEqualTo(uncached());
    }

    @Test
    void aDeletedFileLeavesTheIndex() throws Exception {
        run(cache);
        Files.delete(root.resolve("dir0/f0.h"));
        run(cache);
        TreeIndex index = TreeIndex.read(cache.treeIndexFile(tree.root()), cache.version());
        assertThat(index.size()).isEqualTo(79);
        assertThat(index.get("dir0/f0.h")).isEmpty();
    }

    @Test
    void aTruncatedIndexIsIgnoredAndRewritten() throws Exception {
        run(cache);
        Path index = cache.treeIndexFile(tree.root());
        byte[] bytes = Files.readAllBytes(index);
        Files.write(index, java.util.Arrays.copyOf(bytes, bytes.length - 10));

        Run again = run(cache);
        assertThat(again.counts().parsed()).isEqualTo(80);
        assertThat(again.facts()).isEqualTo(uncached());
        assertThat(run(cache).counts().statHits()).isEqualTo(80);
    }

    @Test
    void aFlippedBitInOneFilesFactsCostsOnlyThatFile() throws Exception {
        run(cache);
        Path index = cache.treeIndexFile(tree.root());
        byte[] bytes = Files.readAllBytes(index);
        bytes[bytes.length - 3] ^= 0x10; // inside the last payload
        Files.write(index, bytes);

        Run again = run(cache);
        assertThat(again.counts().statHits()).isEqualTo(79);
        assertThat(again.counts().parsed() + again.counts().hashHits() + again.counts().entryHits()).isEqualTo(1);
        assertThat(again.facts()).isEqualTo(uncached());
        assertThat(run(cache).counts().statHits()).isEqualTo(80);
    }

    @Test
    void anIndexOfAnotherVersionIsIgnored() {
        run(cache);
        Run other = run(FactCache.open(cacheDir, "test-v2"));
        assertThat(other.counts().parsed()).isEqualTo(80);
        assertThat(other.facts()).isEqualTo(uncached());
    }

    @Test
    void concurrentRunsOnOneTreeAgreeAndLeaveAValidIndex() throws Exception {
        List<FileFacts> expected = uncached();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<List<FileFacts>>> runs = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                runs.add(pool.submit(() -> TreeFacts.load(tree, 2, Optional.of(cache))));
            }
            for (Future<List<FileFacts>> r : runs) {
                assertThat(r.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
        Run warm = run(cache);
        assertThat(warm.counts().statHits()).isEqualTo(80);
        assertThat(warm.facts()).isEqualTo(expected);
    }

    @Test
    void aScanOfASubdirectoryKeepsTheRestIndexed() {
        run(cache);
        CachedFactsSource source = CachedFactsSource.open(tree, cache);
        new ParallelParser(2).parseAll(tree.sourceFilesUnder(root.resolve("dir1")), source, n -> { });
        source.finish();
        assertThat(run(cache).counts().statHits()).isEqualTo(80);
    }
}
