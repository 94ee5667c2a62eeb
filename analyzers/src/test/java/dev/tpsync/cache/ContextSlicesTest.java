package dev.tpsync.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.StructureParser;
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
            new TreeSet<>(List.of("rcu_read_lock", "perf_event_overflow")),
            List.of(StructureParser.parse("include/linux/rcupdate.h", RCUPDATE),
                StructureParser.parse("kernel/events/core.c", CORE_KEPT)), ContextSlice.newId());
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
    void theIdOfAKeptSliceIsReadFromTheHeadOfItsFile() throws IOException {
        assertThat(slices.id(TREE, SPEC)).isEmpty();
        slices.write(TREE, SPEC, slice);

        assertThat(slices.id(TREE, SPEC)).contains(slice.id());
        assertThat(slices.id(TREE, SPEC.withPrimaryArch("arch/arm64"))).isEmpty();
        Path file = slices.file(TREE, SPEC);
        Files.write(file, Arrays.copyOf(Files.readAllBytes(file), 30));
        assertThat(slices.id(TREE, SPEC)).as("cut inside the id").isEmpty();
        Files.write(file, new byte[3]);
        assertThat(slices.id(TREE, SPEC)).isEmpty();
    }

    @Test
    void theSliceAfterAChangeToASliceReadIsWrittenFromItsBytesAndTheChangedFileAndReadBackAsItIs() {
        slices.write(TREE, SPEC, slice);
        ContextSlice read = slices.read(TREE, SPEC).orElseThrow();
        ContextSlice after = read.after(Map.of("kernel/events/core.c", "3333333333333333333333333333333333333333"),
            List.of(StructureParser.parse("kernel/events/core.c", CORE_CHANGED)));
        String next = "5555555555555555555555555555555555555555";

        assertThat(slices.write(next, SPEC, after)).isTrue();

        assertThat(slices.read(next, SPEC)).contains(after);
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

    private static final String RCUPDATE = "static inline void rcu_read_lock(void)\n{\n\t__rcu_read_lock();\n}\n";
    private static final String CORE_KEPT = "void perf_event_overflow(void)\n{\n\trcu_read_lock();\n}\n";
    private static final String CORE_CHANGED = "static void unreached_helper(void)\n{\n\tmight_sleep();\n}\n\n"
        + "void perf_event_overflow(void)\n{\n\tif (x)\n\t\trcu_read_lock();\n}\n";

    @Test
    void theSliceAfterAChangeKeepsItsFilesWithTheTouchedOnesWholeAndTheirNewBlobs() {
        FileFacts changed = StructureParser.parse("kernel/events/core.c", CORE_CHANGED);
        FileFacts elsewhere = StructureParser.parse("drivers/misc/unsliced.c", CORE_CHANGED);

        ContextSlice after = slice.after(Map.of("kernel/events/core.c", "3333333333333333333333333333333333333333",
            "drivers/misc/unsliced.c", "4444444444444444444444444444444444444444"), List.of(changed, elsewhere));

        assertThat(after.files()).containsEntry("kernel/events/core.c", "3333333333333333333333333333333333333333")
            .containsEntry("include/linux/rcupdate.h", "2222222222222222222222222222222222222222").hasSize(2);
        assertThat(after.reachedCallees()).isEqualTo(slice.reachedCallees());
        assertThat(after.facts()).extracting(FileFacts::path)
            .containsExactly("include/linux/rcupdate.h", "kernel/events/core.c");
        assertThat(after.facts().get(1)).as("whole: a change judged on the slice may make any of its functions reached")
            .isSameAs(changed);
        assertThat(after.facts().get(0)).isSameAs(slice.facts().get(0));
    }

    @Test
    void aSliceHoldsTheFactsOfEachOfItsFiles() {
        assertThatThrownBy(() -> new ContextSlice(slice.files(), slice.reachedCallees(), slice.facts().subList(0, 1),
            slice.id()))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
