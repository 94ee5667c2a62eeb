package dev.tpsync.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.StructureParser;
import dev.tpsync.source.ParallelParser;
import dev.tpsync.source.SourceTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A rebuilt model of a real kernel is the model a build from scratch gives. Skipped unless
 * TPSYNC_KERNEL_6_1 names a 6.1 tree; needs about 6 GB of heap (-DargLine=-Xmx6g), since it
 * holds both models and their descriptions.
 */
class RealKernelIncrementalTest {

    @Test
    void editsToPerfIdleAndAWidelyIncludedHeaderRebuildToTheSameModel() throws IOException {
        String dir = System.getenv("TPSYNC_KERNEL_6_1");
        assumeTrue(dir != null && Files.isDirectory(Path.of(dir)), "TPSYNC_KERNEL_6_1 not set: skipping");
        SourceTree tree = SourceTree.open(Path.of(dir));
        List<FileFacts> base = new ParallelParser(2).parseAll(tree.sourceFiles(), ParallelParser.fromDisk(tree),
            done -> { });
        ContextSpec spec = ContextSpec.kernelDefaults();
        long start = System.nanoTime();
        IncrementalModel model = IncrementalModel.build(base, spec, 2);
        long built = System.nanoTime();

        List<FileFacts> after = new ArrayList<>(base);
        // A call added on the NMI path, an rcuidle tracepoint made plain, a popular name
        // (might_sleep) given one more definition in a header, and a file deleted.
        edit(after, Path.of(dir), "kernel/events/core.c", "void perf_tp_event(u16 event_type, u64 count,",
            text -> text.replaceFirst("(\\n\\tstruct perf_sample_data data;\\n)", "$1\\tsynchronize_rcu();\\n"));
        edit(after, Path.of(dir), "kernel/trace/trace_preemptirq.c", "trace_irq_enable_rcuidle",
            text -> text.replaceFirst("trace_irq_enable_rcuidle\\(", "trace_irq_enable("));
        edit(after, Path.of(dir), "include/linux/kernel.h", "might_sleep",
            text -> text + "\nstatic inline void might_sleep_tpsync(void) { might_sleep(); }\n"
                + "static inline void might_sleep(void) { }\n");
        after.removeIf(f -> f.path().equals("kernel/events/callchain.c"));

        IncrementalModel rebuilt = model.rebuild(after, 2);
        long rebuiltAt = System.nanoTime();
        System.out.printf("6.1: build %d ms, rebuild %d ms, %d of %d function nodes copied%n",
            (built - start) / 1_000_000, (rebuiltAt - built) / 1_000_000, rebuilt.copiedFunctions(),
            rebuilt.model().nodes().stream().filter(Node::isFunctionLike).count());
        CodeModel scratch = ModelBuilder.build(after, spec, 2);
        assertThat(IncrementalModelTest.describe(rebuilt.model())).isEqualTo(IncrementalModelTest.describe(scratch));
        Contexts fromPrevious = Contexts.compute(rebuilt.model(), (file, name) -> true,
            Contexts.compute(model.model(), (file, name) -> true));
        assertThat(IncrementalModelTest.reach(fromPrevious)).isEqualTo(IncrementalModelTest.reach(Contexts.compute(scratch)));

        // The hook's way: the base restored from the model cache's graph and rebuild log.
        IncrementalModel restored = ModelBuilder.restoreIncremental(base, spec, model.cacheableEdges()).orElseThrow();
        long restoredAt = System.nanoTime();
        IncrementalModel fromCache = restored.rebuild(after, 2);
        System.out.printf("6.1 from the cached graph and log: rebuild %d ms, %d function nodes copied%n",
            (System.nanoTime() - restoredAt) / 1_000_000, fromCache.copiedFunctions());
        assertThat(IncrementalModelTest.describe(fromCache.model())).isEqualTo(IncrementalModelTest.describe(scratch));
    }

    private static void edit(List<FileFacts> files, Path root, String path, String mustContain,
                             java.util.function.UnaryOperator<String> change) throws IOException {
        String text = Files.readString(root.resolve(path));
        assertThat(text).as(path).contains(mustContain);
        String changed = change.apply(text);
        assertThat(changed).as(path + " changed").isNotEqualTo(text);
        for (int i = 0; i < files.size(); i++) {
            if (files.get(i).path().equals(path)) {
                files.set(i, StructureParser.parse(path, changed));
                return;
            }
        }
        throw new AssertionError(path + " not in the tree");
    }
}
