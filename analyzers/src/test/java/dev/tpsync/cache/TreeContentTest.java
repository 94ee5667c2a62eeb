package dev.tpsync.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tree's content as kept beside its model, and how far a kept one is from another. */
class TreeContentTest {

    private static final String A = "a".repeat(40);
    private static final String B = "b".repeat(40);

    private static TreeContent content(Map<String, String> blobs) {
        return TreeContent.of(List.copyOf(blobs.keySet()), path -> Optional.of(blobs.get(path))).orElseThrow();
    }

    private static Map<String, String> tree(int files) {
        Map<String, String> blobs = new LinkedHashMap<>();
        for (int i = 0; i < files; i++) {
            blobs.put("kernel/file" + i + ".c", A);
        }
        return blobs;
    }

    private static Path kept(Path dir, Map<String, String> blobs) throws IOException {
        Path file = dir.resolve("kept.tree");
        AtomicFile.write(file, content(blobs)::writeTo);
        return file;
    }

    @Test
    void aKeptContentReadsBackAsWritten(@TempDir Path tmp) throws IOException {
        Map<String, String> blobs = tree(5);

        assertThat(TreeContent.read(kept(tmp, blobs)).orElseThrow().blobs()).containsExactlyEntriesOf(blobs);
    }

    @Test
    void theDistanceToAKeptContentCountsPathsChangedAddedAndGoneAsDistanceDoes(@TempDir Path tmp) throws IOException {
        Map<String, String> there = tree(10);
        Map<String, String> here = tree(10);
        here.put("kernel/file1.c", B);
        here.remove("kernel/file2.c");
        here.put("kernel/new.c", A);
        TreeContent ours = content(here);

        OptionalInt d = ours.distanceTo(kept(tmp, there), 32);

        assertThat(d).hasValue(3);
        assertThat(ours.distance(content(there))).isEqualTo(3);
        assertThat(ours.distanceTo(kept(tmp, here), 32)).as("itself").hasValue(0);
    }

    @Test
    void aContentFartherThanTheLimitOrUnreadableHasNoDistance(@TempDir Path tmp) throws IOException {
        Map<String, String> there = tree(50);
        Map<String, String> here = tree(50);
        for (int i = 0; i < 33; i++) {
            here.put("kernel/file" + i + ".c", B);
        }
        TreeContent ours = content(here);
        Path malformed = tmp.resolve("malformed.tree");
        Files.writeString(malformed, "not a blob id kernel/file0.c\n", StandardCharsets.UTF_8);

        assertThat(ours.distanceTo(kept(tmp, there), 32)).isEmpty();
        assertThat(ours.distanceTo(kept(tmp, there), 33)).hasValue(33);
        assertThat(content(tree(10)).distanceTo(kept(tmp, tree(50)), 32)).as("40 paths it lacks").isEmpty();
        assertThat(ours.distanceTo(malformed, 32)).isEmpty();
        assertThat(ours.distanceTo(tmp.resolve("missing.tree"), 32)).isEmpty();
    }
}
