package dev.tpsync.model;

import static dev.tpsync.model.FixtureTrees.edges;
import static dev.tpsync.model.FixtureTrees.function;
import static dev.tpsync.model.FixtureTrees.hop;
import static dev.tpsync.model.FixtureTrees.node;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Probes registered by name and through the tracepoint structure, over trees/registration. */
class RegistrationTest {

    private static final String TREE = "registration";
    private static final String SCHED_H = "include/trace/events/sched.h";
    private static final String SWITCH_C = "kernel/trace/trace_sched_switch.c";
    private static final String WATCH_C = "drivers/misc/pelt_watch.c";
    private static final String TRACE_C = "kernel/trace/trace.c";

    private final Contexts contexts = FixtureTrees.contexts(TREE);

    private static int line(String file, String text) {
        return FixtureTrees.line(TREE, file, text);
    }

    private Node tracepoint(String name) {
        return node(contexts, name, NodeKind.TRACEPOINT);
    }

    @Test
    void registerTraceByNameMakesAProbeOnTheHotPath() {
        int register = line(SWITCH_C, "ret = register_trace_sched_switch(probe_sched_switch, NULL);");
        assertThat(edges(contexts, tracepoint("trace_sched_switch"), EdgeKind.PROBE)).containsExactly(
            "perf_trace_sched_switch (include/trace/perf.h) @" + SCHED_H + ":" + line(SCHED_H, "TRACE_EVENT(sched_switch,"),
            "trace_event_raw_event_sched_switch (include/trace/trace_events.h) @" + SCHED_H + ":"
                + line(SCHED_H, "TRACE_EVENT(sched_switch,"),
            "probe_sched_switch (" + SWITCH_C + ") @" + SWITCH_C + ":" + register);

        EvidenceChain chain = contexts.hotPathChain(function(contexts, "trace_save_cmdline")).orElseThrow();
        assertThat(chain.hops()).containsExactly(
            hop(SCHED_H, line(SCHED_H, "TRACE_EVENT(sched_switch,"), "trace_sched_switch", "tracepoint declared here"),
            hop(SWITCH_C, register, "probe_sched_switch",
                "probe registered for trace_sched_switch() at " + SWITCH_C + ":" + register),
            hop(SWITCH_C, line(SWITCH_C, "tracing_record_taskinfo_sched_switch(prev, next"),
                "tracing_record_taskinfo_sched_switch", "called from probe_sched_switch()"),
            hop(TRACE_C, line(TRACE_C, "trace_save_cmdline(prev);"), "trace_save_cmdline",
                "called from tracing_record_taskinfo_sched_switch()"));
        assertThat(chain.indirect()).isTrue();
    }

    @Test
    void tracepointProbeRegisterNamesTheTracepointThroughItsStructure() {
        assertThat(edges(contexts, tracepoint("trace_pelt_cfs_tp"), EdgeKind.PROBE)).containsExactly(
            "pelt_cfs_probe (" + WATCH_C + ") @" + WATCH_C + ":"
                + line(WATCH_C, "ret = tracepoint_probe_register(&__tracepoint_pelt_cfs_tp"));
        // A (void *) cast around the probe, and the call split over two lines.
        assertThat(edges(contexts, tracepoint("trace_sched_update_nr_running_tp"), EdgeKind.PROBE)).containsExactly(
            "nr_running_probe (" + WATCH_C + ") @" + WATCH_C + ":"
                + line(WATCH_C, "return tracepoint_probe_register(&__tracepoint_sched_update_nr_running_tp,"));
    }

    @Test
    void bareTracepointsHaveNoGeneratedProbes() {
        assertThat(contexts.model().named("perf_trace_pelt_cfs_tp")).isEmpty();
        assertThat(contexts.model().named("trace_event_raw_event_pelt_cfs_tp")).isEmpty();
        assertThat(contexts.model().tracepoint("pelt_cfs_tp").orElseThrow().hasEventClass()).isFalse();
    }

    @Test
    void tracepointCallsReachTheTracepointButTheEnabledTestDoesNot() {
        assertThat(edges(contexts, function(contexts, "call_trace_sched_update_nr_running"), EdgeKind.TRACEPOINT))
            .containsExactly("trace_sched_update_nr_running_tp (" + SCHED_H + ") @kernel/sched/core.c:"
                + line("kernel/sched/core.c", "trace_sched_update_nr_running_tp(rq, count);"));
        assertThat(contexts.model().outEdges(function(contexts, "add_nr_running").id()))
            .extracting(e -> contexts.model().node(e.to()).name())
            .containsExactly("call_trace_sched_update_nr_running");
    }

    @Test
    void classicSrcuUnderDoTraceIsOnTheHotPath() {
        String tracepointH = "include/linux/tracepoint.h";
        Node doTrace = node(contexts, "__DO_TRACE", NodeKind.MACRO);
        assertThat(contexts.hotPathChain(function(contexts, "__srcu_read_lock")).orElseThrow().hops()).containsExactly(
            hop(tracepointH, doTrace.line(), "__DO_TRACE", "tracepoint core: runs on every tracepoint hit"),
            hop(tracepointH, line(tracepointH, "__idx = srcu_read_lock_notrace(&tracepoint_srcu);"),
                "srcu_read_lock_notrace", "called from __DO_TRACE()"),
            hop("include/linux/srcu.h", line("include/linux/srcu.h", "return __srcu_read_lock(ssp);"),
                "__srcu_read_lock", "called from srcu_read_lock_notrace()"));
    }
}
