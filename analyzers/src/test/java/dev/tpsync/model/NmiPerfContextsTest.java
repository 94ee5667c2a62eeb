package dev.tpsync.model;

import static dev.tpsync.model.FixtureTrees.edges;
import static dev.tpsync.model.FixtureTrees.function;
import static dev.tpsync.model.FixtureTrees.hop;
import static dev.tpsync.model.FixtureTrees.node;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** NMI reachability, registered handlers, overflow callbacks and the hot path over trees/nmi-perf. */
class NmiPerfContextsTest {

    private static final String TREE = "nmi-perf";
    private static final String NMI_C = "arch/x86/kernel/nmi.c";
    private static final String CORE_C = "kernel/events/core.c";
    private static final String IBS_C = "arch/x86/events/amd/ibs.c";
    private static final String MCE_C = "arch/x86/kernel/cpu/mce/core.c";
    private static final String NMI_H = "include/trace/events/nmi.h";
    private static final String PERF_H = "include/trace/perf.h";

    private final Contexts contexts = FixtureTrees.contexts(TREE);

    private static int line(String file, String text) {
        return FixtureTrees.line(TREE, file, text);
    }

    /** exc_nmi -> default_do_nmi -> nmi_handle, the prefix of every chain through the handler walk. */
    private static List<ChainHop> toNmiHandle() {
        return List.of(
            hop(NMI_C, line(NMI_C, "DEFINE_IDTENTRY_RAW(exc_nmi)"), "exc_nmi", "NMI entry point (DEFINE_IDTENTRY_RAW)"),
            hop(NMI_C, line(NMI_C, "default_do_nmi(regs);"), "default_do_nmi", "called from exc_nmi()"),
            hop(NMI_C, line(NMI_C, "if (nmi_handle(NMI_LOCAL, regs))"), "nmi_handle", "called from default_do_nmi()"));
    }

    private static List<ChainHop> concat(List<ChainHop> prefix, ChainHop... more) {
        List<ChainHop> all = new java.util.ArrayList<>(prefix);
        all.addAll(List.of(more));
        return all;
    }

    private static final String PERF_PROBE_NOTE = "probe of trace_nmi_handler(), generated from " + PERF_H + ":"
        + FixtureTrees.line(TREE, PERF_H, "#define DECLARE_EVENT_CLASS");

    @Test
    void perfTpEventIsReachedFromExcNmiThroughTheNmiHandlerTracepointAndPerfsProbe() {
        EvidenceChain chain = contexts.nmiChain(function(contexts, "perf_tp_event")).orElseThrow();

        assertThat(chain.hops()).containsExactlyElementsOf(concat(toNmiHandle(),
            hop(NMI_C, line(NMI_C, "trace_nmi_handler(a->handler"), "trace_nmi_handler",
                "tracepoint hit in nmi_handle()"),
            hop(NMI_H, line(NMI_H, "TRACE_EVENT(nmi_handler,"), "perf_trace_nmi_handler", PERF_PROBE_NOTE),
            hop(PERF_H, line(PERF_H, "perf_trace_run_bpf_submit(entry"), "perf_trace_run_bpf_submit",
                "called from perf_trace_nmi_handler()"),
            hop(CORE_C, line(CORE_C, "perf_tp_event(call->event.type"), "perf_tp_event",
                "called from perf_trace_run_bpf_submit()")));
        // A generated probe is certain: every event class gets one.
        assertThat(chain.indirect()).isFalse();
        assertThat(chain.summary()).isEqualTo("exc_nmi -> default_do_nmi -> nmi_handle -> trace_nmi_handler"
            + " -> perf_trace_nmi_handler -> perf_trace_run_bpf_submit -> perf_tp_event");
    }

    @Test
    void registeredNmiHandlersAreCallbacksOfNmiHandle() {
        assertThat(edges(contexts, function(contexts, "nmi_handle"), EdgeKind.CALLBACK)).containsExactly(
            "perf_ibs_nmi_handler (" + IBS_C + ") @" + IBS_C + ":"
                + line(IBS_C, "register_nmi_handler(NMI_LOCAL, perf_ibs_nmi_handler"),
            "perf_event_nmi_handler (arch/x86/events/core.c) @arch/x86/events/core.c:"
                + FixtureTrees.line(TREE, "arch/x86/events/core.c", "register_nmi_handler(NMI_LOCAL"));

        EvidenceChain chain = contexts.nmiChain(function(contexts, "perf_ibs_handle_irq")).orElseThrow();
        assertThat(chain.hops()).containsExactlyElementsOf(concat(toNmiHandle(),
            hop(IBS_C, line(IBS_C, "register_nmi_handler(NMI_LOCAL, perf_ibs_nmi_handler"), "perf_ibs_nmi_handler",
                "callback of nmi_handle(), registered here"),
            hop(IBS_C, line(IBS_C, "handled += perf_ibs_handle_irq(&perf_ibs_fetch"), "perf_ibs_handle_irq",
                "called from perf_ibs_nmi_handler()")));
        assertThat(chain.indirect()).as("a registered callback is less certain than a call").isTrue();
    }

    @Test
    void overflowHandlerStoresAreCallbacksOfThePerfOverflowPath() {
        // The parameter store (event->overflow_handler = overflow_handler) names no function.
        assertThat(edges(contexts, function(contexts, "__perf_event_overflow"), EdgeKind.CALLBACK)).containsExactly(
            "perf_event_output_backward (" + CORE_C + ") @" + CORE_C + ":"
                + line(CORE_C, "event->overflow_handler = perf_event_output_backward;"),
            "perf_event_output_forward (" + CORE_C + ") @" + CORE_C + ":"
                + line(CORE_C, "event->overflow_handler = perf_event_output_forward;"));

        EvidenceChain chain = contexts.nmiChain(function(contexts, "perf_event_output_forward")).orElseThrow();
        assertThat(chain.hops()).containsExactlyElementsOf(concat(toNmiHandle(),
            hop(IBS_C, line(IBS_C, "register_nmi_handler(NMI_LOCAL, perf_ibs_nmi_handler"), "perf_ibs_nmi_handler",
                "callback of nmi_handle(), registered here"),
            hop(IBS_C, line(IBS_C, "handled += perf_ibs_handle_irq(&perf_ibs_fetch"), "perf_ibs_handle_irq",
                "called from perf_ibs_nmi_handler()"),
            hop(IBS_C, line(IBS_C, "if (perf_event_overflow(event"), "perf_event_overflow",
                "called from perf_ibs_handle_irq()"),
            hop(CORE_C, line(CORE_C, "return __perf_event_overflow(event, 1"), "__perf_event_overflow",
                "called from perf_event_overflow()"),
            hop(CORE_C, line(CORE_C, "event->overflow_handler = perf_event_output_forward;"),
                "perf_event_output_forward", "callback of __perf_event_overflow(), registered here")));
        assertThat(chain.indirect()).isTrue();
    }

    @Test
    void syscallOnlyCodeIsNotNmiReachable() {
        for (String fn : List.of("_perf_ioctl", "perf_ioctl", "perf_event_period", "perf_event_alloc")) {
            assertThat(contexts.nmiChain(function(contexts, fn))).as(fn).isEmpty();
        }
        // A file_operations member is not a callback the model follows into NMI.
        assertThat(contexts.model().outEdges(function(contexts, "perf_ioctl").id()))
            .extracting(e -> contexts.model().node(e.to()).name()).containsExactly("_perf_ioctl");
    }

    @Test
    void namedNmiEntryIsPreferredOverAShorterChainFromAnNmiEnterCaller() {
        // From exc_machine_check_kernel()'s irqentry_nmi_enter() it is 4 hops; from exc_nmi 8, but exc_nmi
        // is a named NMI entry and explains the context better.
        EvidenceChain chain = contexts.nmiChain(function(contexts, "irq_work_queue")).orElseThrow();
        assertThat(chain.start()).isEqualTo(toNmiHandle().get(0));
        assertThat(chain.summary()).isEqualTo("exc_nmi -> default_do_nmi -> nmi_handle -> perf_ibs_nmi_handler"
            + " -> perf_ibs_handle_irq -> perf_event_overflow -> __perf_event_overflow -> irq_work_queue");
        assertThat(chain.hops().get(7)).isEqualTo(hop(CORE_C, line(CORE_C, "irq_work_queue(&event->pending_irq);"),
            "irq_work_queue", "called from __perf_event_overflow()"));

        // What only the nmi_enter() caller reaches still gets a chain, starting at its irqentry_nmi_enter().
        assertThat(contexts.nmiChain(function(contexts, "mce_log")).orElseThrow().hops()).containsExactly(
            hop(MCE_C, line(MCE_C, "irq_state = irqentry_nmi_enter(regs);"), "exc_machine_check_kernel",
                "irqentry_nmi_enter(): NMI context from here"),
            hop(MCE_C, line(MCE_C, "\tdo_machine_check(regs);"), "do_machine_check",
                "called from exc_machine_check_kernel()"),
            hop(MCE_C, line(MCE_C, "mce_log(&m);"), "mce_log", "called from do_machine_check()"));
        // Code before irqentry_nmi_enter() in the same function is not NMI context on that account.
        assertThat(contexts.nmiChain(function(contexts, "exc_machine_check"))).isEmpty();
    }

    @Test
    void equalLengthChainsPreferWorkOverContextPlumbing() {
        // exc_nmi calls irqentry_nmi_enter() (plumbing: it calls ct_nmi_enter()) before default_do_nmi();
        // both use instrumentation_begin(). The chain goes through the work.
        assertThat(contexts.nmiChain(function(contexts, "instrumentation_begin")).orElseThrow().hops())
            .containsExactly(toNmiHandle().get(0), toNmiHandle().get(1),
                hop(NMI_C, line(NMI_C, "\tinstrumentation_begin();"), "instrumentation_begin",
                    "macro used in default_do_nmi"));
        // Plumbing is still reached itself: the tie-break only chooses among chains of equal length.
        Node exit = function(contexts, "irqentry_nmi_exit");
        assertThat(contexts.nmiChain(exit).orElseThrow().summary()).isEqualTo("exc_nmi -> irqentry_nmi_exit");
    }

    @Test
    void entryCodeBeforeIrqentryNmiEnterIsARegionWhereRcuIsNotWatching() {
        var excNmi = function(contexts, "exc_nmi").function().orElseThrow();
        assertThat(contexts.regionsIn(excNmi)).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(RcuIdleRegion.Kind.ENTRY);
            assertThat(r.fromLine()).isEqualTo(line(NMI_C, "DEFINE_IDTENTRY_RAW(exc_nmi)"));
            assertThat(r.toLine()).isEqualTo(line(NMI_C, "irq_state = irqentry_nmi_enter(regs);"));
            assertThat(r.opener()).isEqualTo("entry code before irqentry_nmi_enter()");
        });
        String common = "kernel/entry/common.c";
        var enter = function(contexts, "irqentry_nmi_enter").function().orElseThrow();
        assertThat(contexts.regionsIn(enter)).singleElement().satisfies(r -> {
            assertThat(r.toLine()).isEqualTo(FixtureTrees.line(TREE, common, "ct_nmi_enter();"));
            assertThat(r.contains(FixtureTrees.line(TREE, common, "lockdep_hardirqs_off(CALLER_ADDR0);"))).isTrue();
        });
        // default_do_nmi is noinstr too but switches nothing: no region of its own.
        assertThat(contexts.regionsIn(function(contexts, "default_do_nmi").function().orElseThrow())).isEmpty();
    }

    @Test
    void unknownIndirectCallsAreCountedWhereTheyAre() {
        CodeModel model = contexts.model();
        assertThat(model.unknownIndirectCalls(function(contexts, "nmi_handle").id())).isEqualTo(1);
        assertThat(model.unknownIndirectCalls(function(contexts, "default_do_nmi").id())).isEqualTo(1);
        assertThat(model.unknownIndirectCalls(function(contexts, "perf_event_nmi_handler").id())).isEqualTo(1);
        assertThat(model.unknownIndirectCalls(function(contexts, "__perf_event_overflow").id())).isEqualTo(1);
        assertThat(model.unknownIndirectCalls(function(contexts, "perf_tp_event").id())).isZero();
        // x86_pmu.handle_irq() leads nowhere: what only the PMU driver would call is not NMI-reachable.
        assertThat(contexts.model().outEdges(function(contexts, "perf_event_nmi_handler").id())).isEmpty();
    }

    @Test
    void hotPathRunsFromProbesAndDoTraceToADepthOfThree() {
        ChainHop tp = hop(NMI_H, line(NMI_H, "TRACE_EVENT(nmi_handler,"), "trace_nmi_handler",
            "tracepoint declared here");
        ChainHop probe = hop(NMI_H, line(NMI_H, "TRACE_EVENT(nmi_handler,"), "perf_trace_nmi_handler",
            PERF_PROBE_NOTE);
        ChainHop submit = hop(PERF_H, line(PERF_H, "perf_trace_run_bpf_submit(entry"), "perf_trace_run_bpf_submit",
            "called from perf_trace_nmi_handler()");
        ChainHop tpEvent = hop(CORE_C, line(CORE_C, "perf_tp_event(call->event.type"), "perf_tp_event",
            "called from perf_trace_run_bpf_submit()");
        assertThat(contexts.hotPathChain(function(contexts, "perf_tp_event")).orElseThrow().hops())
            .containsExactly(tp, probe, submit, tpEvent);
        // Three calls deep from the probe is still hot ...
        assertThat(contexts.hotPathChain(function(contexts, "perf_swevent_event")).orElseThrow().hops())
            .containsExactly(tp, probe, submit, tpEvent, hop(CORE_C,
                FixtureTrees.line(TREE, CORE_C, "perf_swevent_event(event, count, &data, regs);", 1), "perf_swevent_event",
                "called from perf_tp_event()"));
        // ... four is not, though it is NMI-reachable through the same probe.
        Node overflow = function(contexts, "perf_swevent_overflow");
        assertThat(contexts.hotPathChain(overflow)).isEmpty();
        assertThat(contexts.nmiChain(overflow)).isPresent();

        Node doTrace = node(contexts, "__DO_TRACE", NodeKind.MACRO);
        assertThat(contexts.hotPathChain(doTrace).orElseThrow().hops()).containsExactly(hop(
            "include/linux/tracepoint.h", doTrace.line(), "__DO_TRACE",
            "tracepoint core: runs on every tracepoint hit"));
        Node ftraceProbe = node(contexts, "trace_event_raw_event_nmi_handler", NodeKind.PROBE);
        assertThat(contexts.hotPathChain(ftraceProbe)).isPresent();
        assertThat(contexts.nmiChain(ftraceProbe)).isPresent();
        // Nothing else of the syscall path is hot.
        assertThat(contexts.hotPathChain(function(contexts, "_perf_ioctl"))).isEmpty();
    }
}
