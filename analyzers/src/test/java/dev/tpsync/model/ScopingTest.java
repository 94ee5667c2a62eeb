package dev.tpsync.model;

import static dev.tpsync.model.FixtureTrees.edges;
import static dev.tpsync.model.FixtureTrees.function;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.source.ParallelParser;
import dev.tpsync.source.SourceTree;
import java.util.List;
import org.junit.jupiter.api.Test;

/** C scoping, architecture filtering and tools/ separation in call resolution, over trees/scoping. */
class ScopingTest {

    private static final String TREE = "scoping";

    private final Contexts contexts = FixtureTrees.contexts(TREE);

    private static int line(String file, String text) {
        return FixtureTrees.line(TREE, file, text);
    }

    @Test
    void aStaticInTheCallersFileIsTheCallee() {
        assertThat(edges(contexts, function(contexts, "task_tick_fair"), EdgeKind.CALL)).containsExactly(
            "update_curr (kernel/sched/fair.c) @kernel/sched/fair.c:" + line("kernel/sched/fair.c", "\tupdate_curr(cfs_rq);"));
        assertThat(edges(contexts, function(contexts, "task_tick_rt"), EdgeKind.CALL)).containsExactly(
            "update_curr (kernel/sched/rt.c) @kernel/sched/rt.c:" + line("kernel/sched/rt.c", "\tupdate_curr(rq);"));
    }

    @Test
    void anotherFilesStaticIsNeverTheCallee() {
        assertThat(contexts.model().outEdges(function(contexts, "scheduler_tick").id()))
            .extracting(e -> contexts.model().node(e.to()).name())
            .containsExactly("task_tick_fair", "task_tick_rt");
    }

    @Test
    void genericCallersAreReadAgainstX86WhenX86DefinesTheFunction() {
        // The model reads a tree as one configuration (x86): arm's copy is not linked from generic code.
        int call = line("kernel/reboot.c", "machine_restart(cmd);");
        assertThat(edges(contexts, function(contexts, "kernel_restart"), EdgeKind.CALL)).containsExactly(
            "machine_restart (arch/x86/kernel/reboot.c) @kernel/reboot.c:" + call);
    }

    @Test
    void readAsAnotherArchitectureGenericCallersLinkToItsDefinition() {
        // contexts.arch in .tpsync.yaml: the same tree read as an arm kernel.
        SourceTree tree = SourceTree.open(FixtureTrees.tree("scoping"));
        List<FileFacts> facts = new ParallelParser(1).parseAll(tree.sourceFiles(), ParallelParser.fromDisk(tree),
            done -> { });
        Contexts arm = Contexts.compute(ModelBuilder.build(facts, ContextSpec.kernelDefaults()
            .withPrimaryArch("arch/arm"), 1));
        int call = line("kernel/reboot.c", "machine_restart(cmd);");
        assertThat(edges(arm, function(arm, "kernel_restart"), EdgeKind.CALL)).containsExactly(
            "machine_restart (arch/arm/kernel/reboot.c) @kernel/reboot.c:" + call);
        // x86's own callers still see x86's: an architecture's code is read against itself.
        assertThat(edges(arm, function(arm, "apm_restart_fallback"), EdgeKind.CALL)).containsExactly(
            "machine_restart (arch/x86/kernel/reboot.c) @arch/x86/kernel/apm_32.c:"
                + line("arch/x86/kernel/apm_32.c", "machine_restart(NULL);"));
    }

    @Test
    void anArchitecturesCallerSeesOnlyItsOwnArchitecture() {
        assertThat(edges(contexts, function(contexts, "apm_restart_fallback"), EdgeKind.CALL)).containsExactly(
            "machine_restart (arch/x86/kernel/reboot.c) @arch/x86/kernel/apm_32.c:"
                + line("arch/x86/kernel/apm_32.c", "machine_restart(NULL);"));
    }

    @Test
    void userSpaceUnderToolsIsKeptApartFromTheKernel() {
        Node kernelFind = function(contexts, "find_next_bit", "include/linux/find.h");
        Node toolsFind = function(contexts, "find_next_bit", "tools/include/linux/find.h");

        assertThat(edges(contexts, function(contexts, "cpumask_next_wrap"), EdgeKind.CALL)).containsExactly(
            "find_next_bit (include/linux/find.h) @lib/cpumask.c:" + line("lib/cpumask.c", "next = find_next_bit("));
        assertThat(edges(contexts, kernelFind, EdgeKind.CALL)).containsExactly(
            "_find_next_bit (lib/find_bit.c) @include/linux/find.h:"
                + line("include/linux/find.h", "return _find_next_bit("));

        assertThat(edges(contexts, function(contexts, "perf_cpu_map__next_set"), EdgeKind.CALL)).containsExactly(
            "find_next_bit (tools/include/linux/find.h) @tools/perf/util/cpumap.c:"
                + line("tools/perf/util/cpumap.c", "return find_next_bit("));
        assertThat(edges(contexts, toolsFind, EdgeKind.CALL)).containsExactly(
            "_find_next_bit (tools/lib/find_bit.c) @tools/include/linux/find.h:"
                + line("tools/include/linux/find.h", "return _find_next_bit("));
    }
}
