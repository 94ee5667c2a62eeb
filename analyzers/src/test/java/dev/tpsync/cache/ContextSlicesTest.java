package dev.tpsync.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tpsync.model.ContextSlice;
import dev.tpsync.model.ContextSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The slices a review keeps per git tree: read back as written, never trusted when damaged. */
class ContextSlicesTest {

    private static final ContextSpec SPEC = ContextSpec.kernelDefaults();
    private static final String TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

    @TempDir
    Path cacheDir;

    private ContextSlices slices;
    private ContextSlice slice;

    @BeforeEach
    void open() {
        slices = ContextSlices.of(FactCache.open(cacheDir, "test-v1"));
        slice = new ContextSlice(new TreeMap<>(Map.of(
            "kernel/events/core.c", "1111111111111111111111111111111111111111",
            "include/linux/rcupdate.h", "2222222222222222222222222222222222222222")),
            new TreeSet<>(List.of("rcu_read_lock", "perf_event_overflow")));
    }

    @Test
    void aSliceIsReadBackAsWrittenForItsTreeAndSpecOnly() {
        assertThat(slices.write(TREE, SPEC, slice)).isTrue();

        assertThat(slices.has(TREE, SPEC)).isTrue();
        assertThat(slices.read(TREE, SPEC)).contains(slice);
        assertThat(slices.read("0000000000000000000000000000000000000000", SPEC)).isEmpty();
        assertThat(slices.read(TREE, SPEC.withPrimaryArch("arch/arm64"))).isEmpty();
    }

    @Test
    void aDamagedOrTruncatedSliceIsDeletedAndNotUsed() throws IOException {
        slices.write(TREE, SPEC, slice);
        Path file = slices.file(TREE, SPEC);
        byte[] bytes = Files.readAllBytes(file);

        for (int at : new int[] {0, 9, bytes.length / 2, bytes.length - 1}) {
            byte[] flipped = bytes.clone();
            flipped[at] ^= 0x20;
            Files.write(file, flipped);
            assertThat(slices.read(TREE, SPEC)).as("byte %d flipped", at).isEmpty();
            assertThat(file).doesNotExist();
        }
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 7));
        assertThat(slices.read(TREE, SPEC)).isEmpty();
        assertThat(file).doesNotExist();
    }

    @Test
    void onlyTheSlicesUsedLastAreKept() throws IOException {
        for (int i = 0; i < ContextSlices.KEEP + 3; i++) {
            String tree = String.format("%040x", i);
            slices.write(tree, SPEC, slice);
            Files.setLastModifiedTime(slices.file(tree, SPEC), FileTime.fromMillis(1_000_000L * (i + 1)));
        }
        slices.write(TREE, SPEC, slice);

        try (Stream<Path> kept = Files.list(slices.file(TREE, SPEC).getParent())) {
            assertThat(kept.filter(p -> p.toString().endsWith(".slice")).count()).isEqualTo(ContextSlices.KEEP);
        }
        assertThat(slices.has(String.format("%040x", 0), SPEC)).as("the oldest").isFalse();
    }

    @Test
    void theSliceAfterAChangeKeepsItsFilesWithTheTouchedOnesNewBlobs() {
        ContextSlice after = slice.after(Map.of("kernel/events/core.c", "3333333333333333333333333333333333333333"));

        assertThat(after.files()).containsEntry("kernel/events/core.c", "3333333333333333333333333333333333333333")
            .containsEntry("include/linux/rcupdate.h", "2222222222222222222222222222222222222222").hasSize(2);
        assertThat(after.reachedCallees()).isEqualTo(slice.reachedCallees());
    }
}
