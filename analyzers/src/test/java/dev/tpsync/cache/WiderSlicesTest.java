package dev.tpsync.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.FunctionDef;
import dev.tpsync.c.structure.StructureParser;
import dev.tpsync.model.ContextSlice;
import dev.tpsync.model.ContextSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wider slices a hook run keeps per git tree: kept as what they hold beyond the tree's own
 * slice, read back over it as they were, never over another slice, never trusted when damaged.
 */
class WiderSlicesTest {

    private static final ContextSpec SPEC = ContextSpec.kernelDefaults();
    private static final String TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
    private static final String RCUPDATE = "static inline void rcu_read_lock(void)\n{\n\t__rcu_read_lock();\n}\n";
    private static final String IDLE = "void cpu_idle_poll(void)\n{\n\tct_idle_enter();\n\tnotify_listeners();\n}\n";
    private static final String NOTIFY_WIDER = "void notify_count(void)\n{\n}\n\n"
        + "void notify_listeners(void)\n{\n\tnotify_deeper();\n}\n";
    private static final String DEEPER = "void notify_deeper(void)\n{\n\tnotify_count();\n}\n";

    @TempDir
    Path cacheDir;

    private WiderSlices wider;
    private ContextSlice own;
    private ContextSlice widened;

    @BeforeEach
    void open() {
        wider = WiderSlices.of(FactCache.open(cacheDir, "test-v1"));
        own = new ContextSlice(new TreeMap<>(Map.of(
            "include/linux/rcupdate.h", "1111111111111111111111111111111111111111",
            "kernel/sched/idle.c", "2222222222222222222222222222222222222222",
            "lib/notify.c", "3333333333333333333333333333333333333333")),
            new TreeSet<>(List.of("rcu_read_lock", "ct_idle_enter")),
            List.of(StructureParser.parse("include/linux/rcupdate.h", RCUPDATE),
                StructureParser.parse("kernel/sched/idle.c", IDLE),
                notifyCountOnly()), ContextSlice.newId());
        // As widening makes it: the files that gain nothing keep the own slice's facts, one
        // file of the own slice gains a function, one file comes new.
        TreeMap<String, String> files = new TreeMap<>(own.files());
        files.put("lib/deeper.c", "4444444444444444444444444444444444444444");
        widened = new ContextSlice(files, new TreeSet<>(List.of("rcu_read_lock", "ct_idle_enter", "notify_listeners",
            "notify_deeper")), List.of(own.facts().get(0), own.facts().get(1),
            StructureParser.parse("lib/deeper.c", DEEPER), StructureParser.parse("lib/notify.c", NOTIFY_WIDER)),
            ContextSlice.newId());
    }

    /** lib/notify.c as a slice keeps it: the one function the slice needs of the file. */
    private static FileFacts notifyCountOnly() {
        FileFacts file = StructureParser.parse("lib/notify.c", NOTIFY_WIDER);
        return new FileFacts(file.path(), file.lines(), file.functions().subList(0, 1), file.tracepoints(),
            file.fieldStores(), file.diagnostics());
    }

    @Test
    void aWiderSliceIsReadBackOverItsOwnSliceAsItWasWritten() {
        assertThat(wider.write(TREE, SPEC, widened, own)).isTrue();

        assertThat(wider.has(TREE, SPEC)).isTrue();
        assertThat(wider.read(TREE, SPEC, own)).contains(widened);
        assertThat(wider.read("0000000000000000000000000000000000000000", SPEC, own)).isEmpty();
        assertThat(wider.read(TREE, SPEC.withPrimaryArch("arch/arm64"), own)).isEmpty();
    }

    @Test
    void onlyTheFilesItHoldsBeyondItsOwnSliceAreKeptWhole() {
        wider.write(TREE, SPEC, widened, own);

        WiderSlices.Beyond kept = wider.read(TREE, SPEC).orElseThrow();

        assertThat(kept.whole()).as("a new file").containsOnlyKeys("lib/deeper.c");
        assertThat(kept.gained()).as("a file that gained a function").containsOnlyKeys("lib/notify.c");
        assertThat(kept.gained().get("lib/notify.c").functions().functions()).extracting(FunctionDef::name)
            .containsExactly("notify_listeners");
        assertThat(kept.files()).isEqualTo(widened.files());
        assertThat(kept.ownId()).isEqualTo(own.id());
        ContextSlice over = kept.over(own).orElseThrow();
        assertThat(over.facts().get(0)).as("taken from the own slice, not decoded again").isSameAs(own.facts().get(0));
    }

    @Test
    void overAnotherSliceThanItsOwnItIsNotUsed() {
        wider.write(TREE, SPEC, widened, own);
        ContextSlice madeAnew = new ContextSlice(own.files(), own.reachedCallees(), own.facts(), ContextSlice.newId());
        TreeMap<String, String> otherBlob = new TreeMap<>(own.files());
        otherBlob.put("kernel/sched/idle.c", "5555555555555555555555555555555555555555");
        ContextSlice sameIdOtherFile = new ContextSlice(otherBlob, own.reachedCallees(), own.facts(), own.id());

        assertThat(wider.read(TREE, SPEC, madeAnew)).as("the tree's slice made anew since").isEmpty();
        assertThat(wider.read(TREE, SPEC, sameIdOtherFile)).as("a file it takes is not the same").isEmpty();
        assertThat(wider.read(TREE, SPEC, own)).contains(widened);
    }

    @Test
    void aDamagedOrTruncatedWiderSliceIsDeletedAndNotUsed() throws IOException {
        wider.write(TREE, SPEC, widened, own);
        Path file = wider.file(TREE, SPEC);
        byte[] bytes = Files.readAllBytes(file);

        for (int at : new int[] {0, 9, bytes.length / 2, bytes.length - 1}) {
            byte[] flipped = bytes.clone();
            flipped[at] ^= 0x20;
            Files.write(file, flipped);
            assertThat(wider.read(TREE, SPEC, own)).as("byte %d flipped", at).isEmpty();
            assertThat(file).doesNotExist();
        }
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 7));
        assertThat(wider.read(TREE, SPEC, own)).isEmpty();
        assertThat(file).doesNotExist();
    }

    @Test
    void aFileOfTheOwnSliceWhoseFactsWereMadeAgainIsKeptWhole() {
        FileFacts idleAgain = StructureParser.parse("kernel/sched/idle.c", IDLE);
        ContextSlice reparsed = new ContextSlice(widened.files(), widened.reachedCallees(), List.of(
            widened.facts().get(0), idleAgain, widened.facts().get(2), widened.facts().get(3)), widened.id());

        wider.write(TREE, SPEC, reparsed, own);

        assertThat(wider.read(TREE, SPEC).orElseThrow().whole()).doesNotContainKey("kernel/sched/idle.c");
        assertThat(wider.read(TREE, SPEC).orElseThrow().gained()).as("an equal record, no functions gained")
            .containsKey("kernel/sched/idle.c");
        assertThat(wider.read(TREE, SPEC, own)).contains(reparsed);
    }

    @Test
    void aFileThatIsNotItsOwnSlicesFileWithFunctionsGainedIsKeptWhole() {
        // Another text of lib/notify.c in the own slice (its lines differ): not a file that gained.
        List<FileFacts> otherNotify = List.of(own.facts().get(0), own.facts().get(1),
            StructureParser.parse("lib/notify.c", "void notify_count(void)\n{\n}\n"));
        ContextSlice otherOwn = new ContextSlice(own.files(), own.reachedCallees(), otherNotify, own.id());

        wider.write(TREE, SPEC, widened, otherOwn);

        assertThat(wider.read(TREE, SPEC).orElseThrow().whole()).containsKeys("lib/notify.c", "lib/deeper.c");
        assertThat(wider.read(TREE, SPEC, otherOwn)).contains(widened);
    }
}
