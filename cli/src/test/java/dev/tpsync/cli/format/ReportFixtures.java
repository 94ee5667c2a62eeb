package dev.tpsync.cli.format;

import dev.tpsync.report.PatchReport;
import dev.tpsync.report.Report;
import dev.tpsync.rules.spi.Confidence;
import dev.tpsync.rules.spi.EvidenceHop;
import dev.tpsync.rules.spi.Finding;
import dev.tpsync.rules.spi.RuleMetadata;
import dev.tpsync.rules.spi.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The reports every format is tested with: findings as the rules report them on a 6.1 tree
 * (perf reached from NMI, SRCU on the tracepoint path, the lost rcuidle flag) and a three
 * patch series that moves tracepoints to SRCU for everyone, makes perf rely on RCU, and then
 * takes the SRCU change back.
 */
final class ReportFixtures {

    static final String SRCROOT = "file:///SRCROOT/";

    private ReportFixtures() {
    }

    static FormatOptions options() {
        return new FormatOptions(false, "0.0.0-test").withSourceRootUri(SRCROOT);
    }

    /** The contract cases, by the name their golden files carry. */
    static List<Case> cases() {
        return List.of(
            new Case("empty", empty()),
            new Case("one-finding", oneFinding()),
            new Case("many-findings", manyFindings()),
            new Case("review", review()),
            new Case("notes", withNotes()));
    }

    record Case(String name, Report report) {
        @Override
        public String toString() {
            return name;
        }
    }

    // ---- rules ----

    static final RuleMetadata NMI_PERF_RCU = new RuleMetadata("nmi-perf-rcu", Severity.ERROR, Confidence.HIGH,
        "RCU read side in perf code reachable from NMI",
        "perf runs from NMI (PMU overflow) and tracepoints hit in NMI run perf's probe there. rcu_read_lock() "
            + "in that code is only sound where RCU is watching on every path that reaches it; an rcuidle "
            + "tracepoint or an RCU-not-watching region on one of those paths makes it protect nothing.",
        List.of("LKML, Re: [RFC 0/3] Revert SRCU from tracepoint infrastructure (Peter Zijlstra, 2020-02-10)",
            "commit 865e63b04e9b2 (\"tracing: Add back in rcu_irq_enter/exit_irqson() for rcuidle tracepoints\")"),
        """
            void perf_tp_event(u16 event_type, u64 count, void *record, ...)
            {
            	rcu_read_lock();	/* NMI-reachable, RCU may not be watching */
            	perf_tp_event_iterate(...);
            	rcu_read_unlock();
            }
            """,
        """
            void perf_tp_event(u16 event_type, u64 count, void *record, ...)
            {
            	/* probes run with preemption disabled: RCU-sched covers them */
            	hlist_for_each_entry_rcu(event, head, hlist_entry)
            		perf_swevent_event(event, count, &data, regs);
            }
            """,
        "built-in");

    static final RuleMetadata SRCU_READ_BARRIER = new RuleMetadata("srcu-read-barrier", Severity.WARNING,
        Confidence.HIGH, "Classic SRCU read side on a tracepoint hot path",
        "srcu_read_lock() and srcu_read_unlock() execute a full smp_mb() on the read side "
            + "(kernel/rcu/srcutree.c __srcu_read_lock). On every tracepoint hit that is a real cost, and "
            + "classic SRCU is not NMI-safe.",
        List.of("LKML, [RFC 0/3] Revert SRCU from tracepoint infrastructure (Joel Fernandes, 2020-02-07)"),
        """
            	__idx = srcu_read_lock_notrace(&tracepoint_srcu);
            	__DO_TRACE_CALL(name, TP_ARGS(args));
            	srcu_read_unlock_notrace(&tracepoint_srcu, __idx);
            """,
        """
            	preempt_disable_notrace();
            	__DO_TRACE_CALL(name, TP_ARGS(args));
            	preempt_enable_notrace();
            """,
        "built-in");

    static final RuleMetadata LOST_RCUIDLE = new RuleMetadata("lost-rcuidle", Severity.NOTE, Confidence.MODERATE,
        "The rcuidle state does not reach the probes",
        "__DO_TRACE knows whether the caller is an rcuidle tracepoint, but __DO_TRACE_CALL() calls the probes "
            + "without it, so a probe cannot know that RCU was not watching.",
        List.of(),
        """
            	if (rcuidle)
            		ct_irq_enter_irqson();
            	__DO_TRACE_CALL(name, TP_ARGS(args));	/* probes never see rcuidle */
            """,
        """
            	if (rcuidle)
            		ct_irq_enter_irqson();	/* RCU watches while the probes run */
            	__DO_TRACE_CALL(name, TP_ARGS(args));
            	if (rcuidle)
            		ct_irq_exit_irqson();
            """,
        "built-in");

    static final RuleMetadata UNREGISTER_SYNC = new RuleMetadata("tracepoint-unregister-sync", Severity.ERROR,
        Confidence.HIGH, "Probe data freed without tracepoint_synchronize_unregister()",
        "After a probe is unregistered, callers may still be running it under any of the protections "
            + "tracepoints use; only tracepoint_synchronize_unregister() waits for all of them.",
        List.of(),
        """
            	unregister_trace_sched_switch(probe, data);
            	synchronize_rcu();
            	kfree(data);
            """,
        """
            	unregister_trace_sched_switch(probe, data);
            	tracepoint_synchronize_unregister();
            	kfree(data);
            """,
        "built-in");

    static final List<RuleMetadata> RULES = List.of(NMI_PERF_RCU, SRCU_READ_BARRIER, LOST_RCUIDLE, UNREGISTER_SYNC);

    // ---- evidence ----

    private static List<EvidenceHop> nmiToPerf() {
        return List.of(
            new EvidenceHop("arch/x86/kernel/nmi.c", 525, "exc_nmi", "NMI entry (DEFINE_IDTENTRY_RAW)"),
            new EvidenceHop("arch/x86/kernel/nmi.c", 358, "default_do_nmi", "calls nmi_handle(NMI_LOCAL, regs)"),
            new EvidenceHop("arch/x86/kernel/nmi.c", 146, "nmi_handle", "hits tracepoint nmi_handler"),
            new EvidenceHop("include/trace/events/nmi.h", 10, "perf_trace_nmi_handler",
                "perf probe registered for nmi:nmi_handler"),
            new EvidenceHop("include/trace/perf.h", 66, "perf_trace_run_bpf_submit", "calls perf_tp_event()"));
    }

    private static List<EvidenceHop> nmiToTracepoint() {
        return List.of(
            new EvidenceHop("arch/x86/kernel/nmi.c", 525, "exc_nmi", "NMI entry (DEFINE_IDTENTRY_RAW)"),
            new EvidenceHop("arch/x86/kernel/nmi.c", 358, "default_do_nmi", "calls nmi_handle(NMI_LOCAL, regs)"),
            new EvidenceHop("arch/x86/kernel/nmi.c", 146, "nmi_handle", "calls trace_nmi_handler()"));
    }

    private static List<EvidenceHop> hotPath() {
        return List.of(
            new EvidenceHop("kernel/sched/core.c", 6514, "__schedule", "calls trace_sched_switch() on every "
                + "context switch"));
    }

    // ---- findings ----

    static Finding perfRcuInNmi(int line) {
        return new Finding("nmi-perf-rcu", Severity.ERROR, Confidence.MODERATE, "kernel/events/core.c", line, 2,
            "perf_tp_event",
            "rcu_read_lock() in perf_tp_event(), which runs in NMI and from rcuidle tracepoints where RCU is not "
                + "watching",
            nmiToPerf(),
            "rely on the probe caller's preempt-disabled section (RCU-sched) instead, or make RCU watch around "
                + "rcuidle probe calls before perf takes rcu_read_lock()",
            "nmi-perf-rcu/perf_tp_event/5b1f0c7e9a2d4e83");
    }

    private static Finding srcuOnHotPath(int line, String call) {
        return new Finding("srcu-read-barrier", Severity.WARNING, Confidence.HIGH, "include/linux/tracepoint.h",
            line, 11, "__DO_TRACE",
            call + "() runs on every tracepoint hit; classic SRCU's read side executes a full smp_mb()",
            hotPath(),
            "keep SRCU on the rcuidle path only and use preempt_disable_notrace() for all other callers "
                + "(this tree has neither srcu_read_lock_fast() nor srcu_read_lock_lite())",
            "srcu-read-barrier/__DO_TRACE/" + (call.contains("unlock") ? "9c04e1d2b7a35f60" : "31d8e6a0f4c2b975"));
    }

    private static Finding srcuInNmi() {
        return new Finding("nmi-perf-rcu", Severity.ERROR, Confidence.HIGH, "include/linux/tracepoint.h", 189, 11,
            "__DO_TRACE",
            "classic srcu_read_lock_notrace() is not NMI-safe, and trace_nmi_handler() reaches __DO_TRACE in NMI",
            nmiToTracepoint(),
            "do not take classic SRCU for non-rcuidle callers; this tree has no srcu_read_lock_nmisafe()",
            "nmi-perf-rcu/__DO_TRACE/e7a9230c5d1b48f6");
    }

    private static Finding lostRcuidle(int line) {
        return new Finding("lost-rcuidle", Severity.NOTE, Confidence.MODERATE, "include/linux/tracepoint.h", line, 3,
            "__DO_TRACE",
            "__DO_TRACE_CALL() does not pass rcuidle to the probes, so perf_tp_event() cannot tell that RCU is "
                + "not watching for trace_*_rcuidle() callers",
            List.of(new EvidenceHop("include/linux/tracepoint.h", 262, "trace_##name##_rcuidle",
                "expands __DO_TRACE(name, ..., 1)")),
            "keep the ct_irq_enter_irqson()/ct_irq_exit_irqson() pair around the probe calls",
            "lost-rcuidle/__DO_TRACE/0d6b3f8e21a7c954");
    }

    private static Finding unregisterWithRcuOnly() {
        return new Finding("tracepoint-unregister-sync", Severity.ERROR, Confidence.HIGH,
            "kernel/trace/trace_event_perf.c", 169, 2, "perf_trace_event_unreg",
            "synchronize_rcu() does not wait for tracepoint_srcu readers: an rcuidle probe call may still use "
                + "tp_event->perf_events when free_percpu() frees it",
            List.of(new EvidenceHop("kernel/trace/trace_event_perf.c", 163, "perf_trace_event_unreg",
                "unregisters the perf probe (TRACE_REG_PERF_UNREGISTER)")),
            "call tracepoint_synchronize_unregister() before free_percpu()",
            "tracepoint-unregister-sync/perf_trace_event_unreg/a4c81e07f3d2965b");
    }

    /** Every character that one of the formats must escape: %, CR, LF, ':', ',', quotes, &lt;, &amp;, '\'. */
    private static Finding specialCharacters() {
        return new Finding("tracepoint-unregister-sync", Severity.WARNING, Confidence.LOW,
            "samples/trace_events/trace-events-sample, v2.c", 87, 9, "simple_thread_func",
            "kfree(\"data\") after unregister_trace_foo_bar(): 100% of CPUs may still run foo_bar_probe,\r\n"
                + "see <trace-events-sample.h> & C:\\tmp \u2014 \u00fcber-probe",
            List.of(new EvidenceHop("samples/trace_events/trace-events-sample, v2.c", 80, "simple_thread_func",
                "unregister_trace_foo_bar(probe, data): 50% done")),
            "call tracepoint_synchronize_unregister(), then kfree(data)",
            "tracepoint-unregister-sync/simple_thread_func/77e2c0a9b5f1d348");
    }

    // ---- reports ----

    static Report empty() {
        return new Report("scan", List.of("linux-6.1"), RULES, List.of(), List.of(), List.of(), List.of());
    }

    static Report oneFinding() {
        return new Report("scan", List.of("linux-6.1"), RULES, List.of(perfRcuInNmi(10104)), List.of(), List.of(),
            List.of());
    }

    static Report manyFindings() {
        List<Finding> findings = List.of(
            srcuOnHotPath(196, "srcu_read_lock_notrace"),
            lostRcuidle(200),
            perfRcuInNmi(10104),
            specialCharacters());
        return new Report("scan", List.of("linux-6.1"), RULES, findings, List.of(), List.of(srcuOnHotPath(203,
            "srcu_read_unlock_notrace")), List.of());
    }

    static Report review() {
        PatchReport srcuForAll = new PatchReport(1, 3, "tracing: Take tracepoint_srcu for every probe call",
            "Jane Doe <jane.doe@example.org>", "3f2c8a1d9e7b6c5a4f3e2d1c0b9a8f7e6d5c4b3a",
            "20240611093012.4117-2-jane.doe@example.org", diff("patch-1.diff"),
            List.of(srcuOnHotPath(189, "srcu_read_lock_notrace"), srcuInNmi(),
                srcuOnHotPath(199, "srcu_read_unlock_notrace")),
            List.of());
        PatchReport perfUnderRcu = new PatchReport(2, 3, "perf: Walk tracepoint events under rcu_read_lock()",
            "Jane Doe <jane.doe@example.org>", "8e1d4c7b2a5f9e3d6c0b1a4f7e2d5c8b3a6f9e0d",
            "<20240611093012.4117-3-jane.doe@example.org>", diff("patch-2.diff"),
            List.of(perfRcuInNmi(10104),
                new Finding("nmi-perf-rcu", Severity.WARNING, Confidence.MODERATE, "kernel/events/core.c", 10127, 3,
                    "perf_tp_event",
                    "list_for_each_entry_rcu() over ctx->event_list now relies on the rcu_read_lock() added above, "
                        + "also in NMI",
                    nmiToPerf(), "", "nmi-perf-rcu/perf_tp_event/c2e5a8f1b4d70936"),
                unregisterWithRcuOnly(),
                lostRcuidle(194)),
            List.of());
        PatchReport srcuBack = new PatchReport(3, 3,
            "tracing: Go back to preempt-disabled probe calls for non-rcuidle tracepoints", "Jane Doe "
                + "<jane.doe@example.org>", "", "20240611093012.4117-4-jane.doe@example.org", diff("patch-3.diff"),
            List.of(),
            List.of(srcuOnHotPath(189, "srcu_read_lock_notrace"), srcuInNmi(),
                srcuOnHotPath(199, "srcu_read_unlock_notrace")));
        return new Report("review", List.of("v6.1..tp-srcu-v2"), RULES, List.of(),
            List.of(srcuForAll, perfUnderRcu, srcuBack), List.of(), List.of());
    }

    static Report withNotes() {
        return new Report("scan", List.of("linux-6.1"), RULES, List.of(lostRcuidle(200)), List.of(),
            List.of(perfRcuInNmi(10104), srcuOnHotPath(196, "srcu_read_lock_notrace")),
            List.of("baseline .tpsync-baseline.json hides 2 findings",
                "arch/x86/kernel/nmi.c: no NMI entry found; chains from exc_nmi are missing (is arch/x86 excluded?)"));
    }

    static String diff(String name) {
        try (InputStream in = ReportFixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource fixtures/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
