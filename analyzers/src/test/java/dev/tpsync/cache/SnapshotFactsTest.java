package dev.tpsync.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tpsync.c.structure.DeferredCalls;
import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.StructureParser;
import dev.tpsync.source.ParallelParser;
import dev.tpsync.source.SourceTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A review's base tree through the cache by blob id: from the work tree's index when it has
 * the path at that blob, else from per-file entries, else parsed; and the index kept in step
 * with what reviews ask for, without breaking what a scan expects of it.
 */
class SnapshotFactsTest {

    private static final FileTime AN_HOUR_AGO = FileTime.from(Instant.now().minusSeconds(3600));
    private static final int FILES = 80;

    @TempDir
    Path root;

    @TempDir
    Path cacheDir;

    private SourceTree tree;
    private FactCache cache;

    @BeforeEach
    void writeTree() throws IOException {
        for (int i = 0; i < FILES; i++) {
            Path file = root.resolve("dir" + i % 4).resolve("f" + i + ".c");
            Files.createDirectories(file.getParent());
            Files.writeString(file, text(i, "g"));
            Files.setLastModifiedTime(file, AN_HOUR_AGO);
        }
        tree = SourceTree.open(root);
        cache = FactCache.open(cacheDir, "test-v1", tree.root());
    }

    private static String text(int i, String callee) {
        return "static void f" + i + "(void)\n{\n\trcu_read_lock();\n\t" + callee + i + "(1, 2);\n"
            + "\trcu_read_unlock();\n}\n";
    }

    /** What one review's base took: its facts, and where they came from. */
    private record Base(List<FileFacts> facts, int fromIndex, int missed, int parsed) {
    }

    private Base review(Map<String, String> otherContents) {
        SnapshotFacts source = SnapshotFacts.open(cache);
        AtomicInteger parsed = new AtomicInteger();
        List<FileFacts> facts = new ParallelParser(2).parseAll(tree.sourceFiles(), (path, workspace) -> {
            String content = otherContents.containsKey(path) ? otherContents.get(path) : read(path);
            String blob = FactCache.blobId(content.getBytes(StandardCharsets.ISO_8859_1));
            return source.facts(path, blob, workspace, ws -> {
                parsed.incrementAndGet();
                return StructureParser.parse(path, content);
            });
        }, n -> { });
        source.finish();
        return new Base(facts, source.fromIndex(), source.missed(), parsed.get());
    }

    private String read(String path) {
        try {
            return Files.readString(tree.resolve(path), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<FileFacts> uncached() {
        return TreeFacts.load(tree, 2, Optional.empty());
    }

    private CachedFactsSource.Counts scan() {
        CachedFactsSource source = CachedFactsSource.open(tree, cache);
        List<FileFacts> facts = new ParallelParser(2).parseAll(tree.sourceFiles(), source, n -> { });
        source.finish();
        assertThat(facts).isEqualTo(uncached());
        return source.counts();
    }

    private Path indexFile() {
        return cache.treeIndexFile(tree.root());
    }

    @Test
    void factsReadWhileTheIndexIsLoadedInTheBackgroundAreTheIndexsOwn() throws Exception {
        // No index yet: nothing to load, and nothing breaks.
        SnapshotFacts.open(cache).prefetchInBackground();
        scan();
        SnapshotFacts source = SnapshotFacts.open(cache);
        source.prefetchInBackground();

        dev.tpsync.c.structure.ParseWorkspace workspace = new dev.tpsync.c.structure.ParseWorkspace();
        for (String path : tree.sourceFiles()) {
            String content = read(path);
            String blob = FactCache.blobId(content.getBytes(StandardCharsets.ISO_8859_1));
            assertThat(source.cached(path, blob, workspace)).as(path)
                .contains(StructureParser.parse(path, content));
        }
        assertThat(source.missed()).isZero();
    }

    @Test
    void theIndexAScanKeepsServesAReviewByBlobId() throws IOException {
        scan();
        byte[] index = Files.readAllBytes(indexFile());

        Base base = review(Map.of());

        assertThat(base.fromIndex()).isEqualTo(FILES);
        assertThat(base.parsed()).isZero();
        assertThat(base.facts()).flatExtracting(FileFacts::functions).filteredOn(fn -> !fn.calls().isEmpty())
            .isNotEmpty().allSatisfy(fn -> assertThat(fn.calls()).as("left in the mapped index until read")
                .isInstanceOf(DeferredCalls.class));
        assertThat(base.facts()).isEqualTo(uncached());
        assertThat(Files.readAllBytes(indexFile())).as("nothing missed: not rewritten").isEqualTo(index);
    }

    @Test
    void withoutAnIndexTheBaseIsParsedOnceAndIndexedInAFormAScanStillChecks() {
        Base first = review(Map.of());
        assertThat(first.parsed()).isEqualTo(FILES);
        assertThat(first.facts()).isEqualTo(uncached());

        Base second = review(Map.of());
        assertThat(second.fromIndex()).isEqualTo(FILES);
        assertThat(second.parsed()).isZero();
        assertThat(second.facts()).isEqualTo(uncached());

        // The review's entries carry no stat data: a scan hashes each file once before trusting it.
        CachedFactsSource.Counts scan = scan();
        assertThat(scan.hashHits()).isEqualTo(FILES);
        assertThat(scan.statHits()).isZero();
        assertThat(scan().statHits()).isEqualTo(FILES);
    }

    @Test
    void aFewFilesAtOtherBlobsComeFromPerFileEntriesAndLeaveTheIndexAlone() throws IOException {
        scan();
        byte[] index = Files.readAllBytes(indexFile());
        Map<String, String> committed = Map.of("dir1/f1.c", text(1, "h"), "dir2/f2.c", text(2, "h"));

        Base first = review(committed);
        Base second = review(committed);

        assertThat(first.missed()).isEqualTo(2);
        assertThat(first.parsed()).isEqualTo(2);
        assertThat(second.missed()).isEqualTo(2);
        assertThat(second.parsed()).as("kept as per-file entries").isZero();
        assertThat(second.fromIndex()).isEqualTo(FILES - 2);
        assertThat(second.facts()).isEqualTo(first.facts());
        assertThat(first.facts().get(tree.sourceFiles().indexOf("dir1/f1.c")))
            .isEqualTo(StructureParser.parse("dir1/f1.c", text(1, "h")));
        assertThat(Files.readAllBytes(indexFile())).isEqualTo(index);
    }

    @Test
    void manyFilesAtOtherBlobsAreAddedToTheIndex() {
        scan();
        Map<String, String> rebased = new java.util.HashMap<>();
        for (int i = 0; i < FILES; i++) {
            if (i % 8 != 0) {
                rebased.put("dir" + i % 4 + "/f" + i + ".c", text(i, "rebased_"));
            }
        }

        Base first = review(rebased);
        Base second = review(rebased);

        assertThat(first.missed()).isEqualTo(70);
        assertThat(second.fromIndex()).isEqualTo(FILES);
        assertThat(second.parsed()).isZero();
        assertThat(second.facts()).isEqualTo(first.facts());
        // The work tree did not change: a scan finds its own content again (per-file entries
        // keep what the index dropped) and parses nothing.
        assertThat(scan().parsed()).isZero();
    }

    @Test
    void aDamagedPayloadIsParsedAgainAndTheRestStillServed() throws IOException {
        scan();
        Path file = indexFile();
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 10] ^= 0x40; // inside the last file's payload
        Files.write(file, bytes);

        Base base = review(Map.of());

        assertThat(base.fromIndex()).isEqualTo(FILES - 1);
        assertThat(base.facts()).isEqualTo(uncached());
    }

    @Test
    void anIndexOfAnotherLayoutIsIgnoredAndRewritten() throws IOException {
        scan();
        byte[] bytes = Files.readAllBytes(indexFile());
        bytes[0] ^= 1; // the magic
        Files.write(indexFile(), bytes);

        Base base = review(Map.of());

        assertThat(base.fromIndex()).isZero();
        assertThat(base.facts()).isEqualTo(uncached());
        assertThat(review(Map.of()).fromIndex()).as("rewritten").isEqualTo(FILES);
    }
}
