package dev.tpsync.model;

import static dev.tpsync.model.FixtureTrees.function;
import static dev.tpsync.model.FixtureTrees.hop;
import static dev.tpsync.model.FixtureTrees.node;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tpsync.c.structure.FunctionDef;
import org.junit.jupiter.api.Test;

/** Idle regions, rcuidle tracepoints and their probes over trees/rcuidle. */
class RcuIdleContextsTest {

    private static final String TREE = "rcuidle";
    private static final String IDLE_C = "kernel/sched/idle.c";
    private static final String RUNTIME_C = "drivers/base/power/runtime.c";
    private static final String STATS_C = "drivers/base/power/rpm_stats.c";
    private static final String RPM_H = "include/trace/events/rpm.h";
    private static final String ACPI_C = "drivers/acpi/processor_idle.c";

    private final Contexts contexts = FixtureTrees.contexts(TREE);

    private static int line(String file, String text) {
        return FixtureTrees.line(TREE, file, text);
    }

    private static int line(String file, String text, int nth) {
        return FixtureTrees.line(TREE, file, text, nth);
    }

    private ChainHop cpuIdlePollRegionStart() {
        return hop(IDLE_C, line(IDLE_C, "ct_idle_enter();", 1), "cpu_idle_poll",
            "ct_idle_enter(): RCU is not watching until line " + line(IDLE_C, "ct_idle_exit();", 1));
    }

    @Test
    void cpuIdlePollHasOneIdleRegionBetweenCtIdleEnterAndExit() {
        FunctionDef poll = FixtureTrees.definition(contexts, "cpu_idle_poll");
        int enter = line(IDLE_C, "ct_idle_enter();", 1);
        int exit = line(IDLE_C, "ct_idle_exit();", 1);

        assertThat(contexts.regionsIn(poll)).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(RcuIdleRegion.Kind.IDLE);
            assertThat(r.fromLine()).isEqualTo(enter);
            assertThat(r.toLine()).isEqualTo(exit);
            assertThat(r.opener()).isEqualTo("ct_idle_enter()");
            assertThat(r.describe()).isEqualTo("ct_idle_enter() (" + IDLE_C + ":" + enter + "-" + exit + ")");
        });
        assertThat(contexts.regionAt(poll, line(IDLE_C, "local_irq_enable();", 1))).isPresent();
        assertThat(contexts.regionAt(poll, line(IDLE_C, "cpu_relax();"))).isPresent();
        // The tracepoints on either side, and the enter/exit lines themselves, are outside.
        assertThat(contexts.regionAt(poll, line(IDLE_C, "trace_cpu_idle(0, smp_processor_id());"))).isEmpty();
        assertThat(contexts.regionAt(poll, line(IDLE_C, "trace_cpu_idle(PWR_EVENT_EXIT", 1))).isEmpty();
        assertThat(contexts.regionAt(poll, enter)).isEmpty();
        assertThat(contexts.regionAt(poll, exit)).isEmpty();
        // The function itself is only called from do_idle(), where RCU watches.
        assertThat(contexts.notWatchingChain(poll)).isEmpty();
    }

    @Test
    void aCalleeOfACallInsideTheRegionIsReachedWithItsChain() {
        EvidenceChain chain = contexts.notWatchingChain(function(contexts, "cpumask_test_cpu")).orElseThrow();
        assertThat(chain.hops()).containsExactly(
            cpuIdlePollRegionStart(),
            hop(IDLE_C, line(IDLE_C, "(cpu_idle_force_poll || tick_check_broadcast_expired()))"),
                "tick_check_broadcast_expired", "called from cpu_idle_poll()"),
            hop("kernel/time/tick-broadcast.c", FixtureTrees.line(TREE, "kernel/time/tick-broadcast.c",
                "return cpumask_test_cpu("), "cpumask_test_cpu", "called from tick_check_broadcast_expired()"));
        assertThat(chain.indirect()).isFalse();
    }

    @Test
    void theTracepointJustBeforeCtIdleEnterIsNotInTheRegion() {
        Node tp = node(contexts, "trace_cpu_idle", NodeKind.TRACEPOINT);
        assertThat(contexts.notWatchingChain(tp)).isEmpty();
        assertThat(contexts.notWatchingChain(node(contexts, "perf_trace_cpu", NodeKind.PROBE))).isEmpty();
        assertThat(contexts.notWatchingChain(node(contexts, "trace_event_raw_event_cpu", NodeKind.PROBE))).isEmpty();
        // Its probes are still on the hot path.
        assertThat(contexts.hotPathChain(node(contexts, "perf_trace_cpu", NodeKind.PROBE))).isPresent();
    }

    @Test
    void probesOfAnRcuidleTracepointRunWhereRcuMayNotBeWatching() {
        ChainHop caller = hop(RUNTIME_C, line(RUNTIME_C, "trace_rpm_suspend_rcuidle(dev, rpmflags);"), "rpm_suspend",
            "calls trace_rpm_suspend_rcuidle(): RCU may not be watching here");
        ChainHop tp = hop(RPM_H, line(RPM_H, "DEFINE_EVENT(rpm_internal, rpm_suspend,"), "trace_rpm_suspend",
            "tracepoint declared here");

        // Generated probes of the event class, reached through DEFINE_EVENT's tracepoint.
        assertThat(contexts.notWatchingChain(node(contexts, "perf_trace_rpm_internal", NodeKind.PROBE))
            .orElseThrow().hops()).containsExactly(caller, tp,
                hop(RPM_H, tp.line(), "perf_trace_rpm_internal", "probe of trace_rpm_suspend(), generated from "
                    + "include/trace/perf.h:" + FixtureTrees.line(TREE, "include/trace/perf.h",
                        "#define DECLARE_EVENT_CLASS")));

        // A registered probe and what it calls.
        ChainHop probe = hop(STATS_C, line(STATS_C, "return register_trace_rpm_suspend(rpm_stats_suspend_probe"),
            "rpm_stats_suspend_probe", "probe registered for trace_rpm_suspend() here");
        EvidenceChain find = contexts.notWatchingChain(function(contexts, "rpm_stat_find")).orElseThrow();
        assertThat(find.hops()).containsExactly(caller, tp, probe,
            hop(STATS_C, line(STATS_C, "stat = rpm_stat_find(dev->class);"), "rpm_stat_find",
                "called from rpm_stats_suspend_probe()"));
        assertThat(find.indirect()).isTrue();

        // The caller of the rcuidle tracepoint is not itself in the context, nor what it calls.
        assertThat(contexts.notWatchingChain(function(contexts, "rpm_suspend"))).isEmpty();
        assertThat(contexts.notWatchingChain(function(contexts, "rpm_check_suspend_allowed"))).isEmpty();
        // Unregistering creates no edge: the probe is reached once, from the register call.
        assertThat(FixtureTrees.edges(contexts, tp(contexts, "trace_rpm_suspend"), EdgeKind.PROBE))
            .filteredOn(e -> e.startsWith("rpm_stats_suspend_probe")).hasSize(1);
    }

    private static Node tp(Contexts contexts, String name) {
        return node(contexts, name, NodeKind.TRACEPOINT);
    }

    @Test
    void aFunctionCalledBeforeAndInsideTheRegionIsSeededFromTheCallInside() {
        int enter = line(ACPI_C, "ct_idle_enter();");
        int exit = line(ACPI_C, "ct_idle_exit();");
        ChainHop start = hop(ACPI_C, enter, "acpi_idle_enter_bm",
            "ct_idle_enter(): RCU is not watching until line " + exit);
        ChainHop entry = hop(ACPI_C, line(ACPI_C, "acpi_idle_do_entry(cx);", 2), "acpi_idle_do_entry",
            "called from acpi_idle_enter_bm()");

        assertThat(contexts.notWatchingChain(function(contexts, "acpi_idle_do_entry")).orElseThrow().hops())
            .containsExactly(start, entry);
        assertThat(contexts.notWatchingChain(function(contexts, "acpi_safe_halt")).orElseThrow().hops())
            .containsExactly(start, entry, hop(ACPI_C, line(ACPI_C, "\t\tacpi_safe_halt();"), "acpi_safe_halt",
                "called from acpi_idle_do_entry()"));
    }

    @Test
    void genericCodeInTheRegionReachesTheX86Definition() {
        int call = line(IDLE_C, "\tarch_cpu_idle();");
        ChainHop start = hop(IDLE_C, line(IDLE_C, "ct_idle_enter();", 2), "default_idle_call",
            "ct_idle_enter(): RCU is not watching until line " + line(IDLE_C, "ct_idle_exit();", 2));
        ChainHop archHop = hop(IDLE_C, call, "arch_cpu_idle", "called from default_idle_call()");
        Node x86 = function(contexts, "arch_cpu_idle", "arch/x86/kernel/process.c");
        Node arm = function(contexts, "arch_cpu_idle", "arch/arm/kernel/process.c");

        assertThat(contexts.notWatchingChain(x86).orElseThrow().hops()).containsExactly(start, archHop);
        assertThat(contexts.notWatchingChain(arm)).as("arm's copy is outside the x86 reading").isEmpty();
        assertThat(contexts.notWatchingChain(function(contexts, "default_idle")).orElseThrow().hops())
            .containsExactly(start, archHop, hop("arch/x86/kernel/process.c",
                FixtureTrees.line(TREE, "arch/x86/kernel/process.c", "\tdefault_idle();"), "default_idle",
                "called from arch_cpu_idle()"));
        assertThat(FixtureTrees.edges(contexts, function(contexts, "default_idle_call"), EdgeKind.CALL))
            .containsExactly("arch_cpu_idle (arch/x86/kernel/process.c) @" + IDLE_C + ":" + call);
    }

    @Test
    void aConditionalCtIdleEnterStillOpensARegionAndItsIndirectCallIsCounted() {
        String file = "drivers/cpuidle/cpuidle.c";
        FunctionDef enterState = FixtureTrees.definition(contexts, "cpuidle_enter_state");
        assertThat(contexts.regionsIn(enterState)).singleElement().satisfies(r -> {
            assertThat(r.fromLine()).isEqualTo(FixtureTrees.line(TREE, file, "ct_idle_enter();"));
            assertThat(r.toLine()).isEqualTo(FixtureTrees.line(TREE, file, "ct_idle_exit();"));
        });
        assertThat(contexts.regionAt(enterState, FixtureTrees.line(TREE, file, "target_state->enter(dev"))).isPresent();
        assertThat(contexts.model().unknownIndirectCalls(function(contexts, "cpuidle_enter_state").id()))
            .isEqualTo(1);
    }

    @Test
    void nothingHereRunsInNmi() {
        assertThat(contexts.nmiReachableCount()).isZero();
    }
}
