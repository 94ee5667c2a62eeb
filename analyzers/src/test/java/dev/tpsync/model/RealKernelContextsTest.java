package dev.tpsync.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tpsync.c.Diagnostic;
import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.FunctionDef;
import dev.tpsync.source.ParallelParser;
import dev.tpsync.source.SourceTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The facts of DOMAIN.md section 5, checked on real trees. Skipped (visibly) unless
 * TPSYNC_KERNEL_6_1 / TPSYNC_KERNEL_6_12 name a kernel source tree; each tree takes about
 * half a minute and 2-3 GB of heap (-DargLine=-Xmx3g).
 */
class RealKernelContextsTest {

    private static final Map<String, Contexts> TREES = new HashMap<>();
    private static final java.util.Set<String> SKIP_NOTED = new java.util.HashSet<>();

    private static synchronized Contexts kernel(String env) {
        String dir = System.getenv(env);
        boolean present = dir != null && Files.isDirectory(Path.of(dir));
        if (!present && SKIP_NOTED.add(env)) {
            // Surefire shows only "Skipped: n"; say why on the console too.
            System.out.println("RealKernelContextsTest: " + env + " not set: skipping real-tree checks");
        }
        assumeTrue(present, env + " not set: skipping real-tree checks");
        return TREES.computeIfAbsent(env, e -> {
            SourceTree tree = SourceTree.open(Path.of(dir));
            List<FileFacts> facts = new ParallelParser(Math.max(2, Runtime.getRuntime().availableProcessors()))
                .parseAll(tree.sourceFiles(), ParallelParser.fromDisk(tree), done -> { });
            // Parsing survives every file: nothing stops early, nothing is left unanalysed.
            List<Diagnostic> failures = facts.stream().flatMap(f -> f.diagnostics().stream())
                .filter(d -> d.message().startsWith("not analysed") || d.message().startsWith("structure pass stopped"))
                .toList();
            assertThat(failures).as(env + " files the front end gave up on").isEmpty();
            Contexts contexts = Contexts.compute(ModelBuilder.build(facts, ContextSpec.kernelDefaults()));
            System.out.printf("%s: %d files, %d nodes, %d edges; NMI-reachable %d, RCU-not-watching %d,"
                    + " hot path %d; rcuidle tracepoint calls %d%n", env, facts.size(), contexts.model().nodeCount(),
                contexts.model().edgeCount(), contexts.nmiReachableCount(), contexts.notWatchingCount(),
                contexts.hotPathCount(), rcuidleCalls(contexts));
            return contexts;
        });
    }

    private static long rcuidleCalls(Contexts contexts) {
        CodeModel model = contexts.model();
        long count = 0;
        for (Node n : model.nodes()) {
            count += model.outEdges(n.id()).stream().filter(e -> e.kind() == EdgeKind.TRACEPOINT_RCUIDLE).count();
        }
        return count;
    }

    private static Node only(Contexts contexts, String name) {
        return FixtureTrees.function(contexts, name);
    }

    @Test
    void linux61PerfTpEventIsReachedFromExcNmiThroughTheNmiHandlerTracepoint() {
        Contexts k = kernel("TPSYNC_KERNEL_6_1");
        EvidenceChain chain = k.nmiChain(only(k, "perf_tp_event")).orElseThrow();
        System.out.println("6.1 perf_tp_event NMI chain:");
        chain.hops().forEach(h -> System.out.println("  " + h.function() + "  " + h.file() + ":" + h.line()
            + "  " + h.note()));

        assertThat(chain.start().function()).isEqualTo("exc_nmi");
        assertThat(chain.start().file()).isEqualTo("arch/x86/kernel/nmi.c");
        assertThat(chain.summary()).contains("nmi_handle -> trace_nmi_handler -> perf_trace_nmi_handler");
        assertThat(chain.hops().get(chain.length() - 1).function()).isEqualTo("perf_tp_event");
    }

    @Test
    void linux61PerfIoctlIsNotNmiReachable() {
        Contexts k = kernel("TPSYNC_KERNEL_6_1");
        assertThat(k.nmiChain(only(k, "_perf_ioctl"))).isEmpty();
    }

    @Test
    void linux61CpuIdlePollHasAnIdleRegionBetweenCtIdleEnterAndExit() throws IOException {
        Contexts k = kernel("TPSYNC_KERNEL_6_1");
        FunctionDef poll = only(k, "cpu_idle_poll").function().orElseThrow();
        List<String> lines = Files.readAllLines(Path.of(System.getenv("TPSYNC_KERNEL_6_1"), poll.file()));
        int enter = lineIn(lines, poll, "ct_idle_enter();");
        int exit = lineIn(lines, poll, "ct_idle_exit();");

        assertThat(k.regionsIn(poll)).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(RcuIdleRegion.Kind.IDLE);
            assertThat(r.fromLine()).isEqualTo(enter);
            assertThat(r.toLine()).isEqualTo(exit);
        });
        // trace_cpu_idle() comes just before the region, not in it.
        assertThat(k.regionAt(poll, lineIn(lines, poll, "trace_cpu_idle(0,"))).isEmpty();
    }

    @Test
    void linux61DoTraceLosesRcuidleAndTakesClassicSrcu() {
        Contexts k = kernel("TPSYNC_KERNEL_6_1");
        assertThat(k.machinery()).isNotEmpty().allSatisfy(m -> {
            assertThat(m.definition().file()).isEqualTo("include/linux/tracepoint.h");
            assertThat(m.losesRcuidle()).isTrue();
            assertThat(m.watchesForRcuidleProbes()).isTrue();
            assertThat(m.srcuReadLock().orElseThrow().primitive()).isEqualTo("srcu_read_lock_notrace");
        });
        long rcuidle = rcuidleCalls(k);
        assertThat(rcuidle).as("trace_*_rcuidle() calls in 6.1 (about 30)").isBetween(15L, 60L);
    }

    @Test
    void linux61HasNoNmiSafeSrcuWhile612Does() {
        assertThat(kernel("TPSYNC_KERNEL_6_1").capabilities().srcuNmiSafe()).isFalse();
        assertThat(kernel("TPSYNC_KERNEL_6_12").capabilities().srcuNmiSafe()).isTrue();
    }

    @Test
    void linux612HasNoRcuidleTracepointCallers() {
        assertThat(rcuidleCalls(kernel("TPSYNC_KERNEL_6_12"))).isZero();
    }

    /** The line of {@code text} inside {@code fn}'s span. */
    private static int lineIn(List<String> lines, FunctionDef fn, String text) {
        for (int l = fn.line(); l <= fn.endLine(); l++) {
            if (lines.get(l - 1).contains(text)) {
                return l;
            }
        }
        throw new AssertionError(text + " not in " + fn.name() + " (" + fn.file() + ":" + fn.line() + ")");
    }
}
