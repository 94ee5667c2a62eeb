package dev.tpsync.rules.builtin;

import dev.tpsync.c.structure.FunctionDef;
import dev.tpsync.c.structure.SyncEvent;
import dev.tpsync.c.structure.SyncKind;
import dev.tpsync.model.CodeModel;
import dev.tpsync.model.RcuIdleRegion;
import dev.tpsync.model.TracepointMachinery;
import dev.tpsync.rules.spi.Confidence;
import dev.tpsync.rules.spi.FindingSink;
import dev.tpsync.rules.spi.Findings;
import dev.tpsync.rules.spi.Rule;
import dev.tpsync.rules.spi.RuleContext;
import dev.tpsync.rules.spi.RuleMetadata;
import dev.tpsync.rules.spi.Severity;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * lost-rcuidle: the "RCU is not watching" state of a tracepoint call does not reach its
 * probes. Three cases (DOMAIN.md): (a) the make-RCU-watch step around rcuidle probe calls
 * is missing or comes after the probes; (b) a tracepoint sits where RCU is not watching;
 * (c) __DO_TRACE knows rcuidle but does not pass it to the probe call (a note, once).
 */
public final class LostRcuidleRule implements Rule {

    static final RuleMetadata METADATA = new RuleMetadata(
        "lost-rcuidle",
        Severity.ERROR,
        Confidence.HIGH,
        "A tracepoint's RCU-not-watching state does not reach its probes",
        "__DO_TRACE(name, args, cond, rcuidle) knows whether the caller runs where RCU is not watching, but "
            + "__DO_TRACE_CALL(name, args) calls the probes without it, so a probe such as perf's cannot tell and "
            + "uses rcu_read_lock() anyway (\"the @rcuidle state is lost in __DO_TRACE(), it is not passed further "
            + "down the chain\"). What keeps probes safe is the step that makes RCU watch "
            + "(ct_irq_enter_irqson()) around rcuidle probe calls. Removing or moving that step, or putting a plain "
            + "tracepoint where RCU is not watching (between ct_idle_enter() and ct_idle_exit(), in entry code "
            + "before irqentry_enter()), runs probes with RCU blind: an error. The design point itself is "
            + "reported once in a tree scan, as a note.",
        List.of("https://lore.kernel.org/lkml/20200210102026.GC14897@hirez.programming.kicks-ass.net/",
            "commit 865e63b04e9b2 (tracing: Add back in rcu_irq_enter/exit_irqson() for rcuidle tracepoints)",
            "kernel/sched/idle.c: cpu_idle_poll() (trace_cpu_idle() before ct_idle_enter())"),
        """
            static void foo_idle(void)
            {
            	ct_idle_enter();
            	trace_foo_idle(smp_processor_id());	/* probes run with RCU not watching */
            	arch_cpu_idle();
            	ct_idle_exit();
            }""",
        """
            static void foo_idle(void)
            {
            	trace_foo_idle(smp_processor_id());	/* before RCU stops watching */
            	ct_idle_enter();
            	arch_cpu_idle();
            	ct_idle_exit();
            }""",
        "built-in");

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public boolean positionIndependent() {
        return true;
    }

    /** The function's events, regions and chain, the tree's tracepoints and machinery. */
    @Override
    public boolean readsWholeTree() {
        return false;
    }

    @Override
    public void check(RuleContext context, FindingSink sink) {
        // __DO_TRACE definitions are few: look each up among the checked functions by identity.
        Set<FunctionDef> doTraces = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        context.contexts().machinery().forEach(m -> doTraces.add(m.definition()));
        Set<FunctionDef> checked = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (FunctionDef fn : context.functionsToCheck()) {
            if (doTraces.contains(fn)) {
                checked.add(fn);
            }
        }
        for (TracepointMachinery m : context.contexts().machinery()) {
            if (checked.contains(m.definition())) {
                machinery(m, sink);
            }
        }
        for (FunctionDef fn : context.functionsToCheck()) {
            for (SyncEvent e : fn.events()) {
                if (e.kind() == SyncKind.TRACEPOINT_CALL) {
                    tracepointInRegion(context, fn, e, sink);
                }
            }
        }
    }

    /** Cases (a) and (c): what __DO_TRACE does with rcuidle. */
    private void machinery(TracepointMachinery m, FindingSink sink) {
        FunctionDef doTrace = m.definition();
        if (!m.rcuidleParameter() || m.probeCall().isEmpty()) {
            return;
        }
        int probeLine = m.probeCall().get().line();
        int probeColumn = m.probeCall().get().column();
        String probeCall = m.probeCall().get().callee() + "(" + m.probeCall().get().argsText() + ")";
        if (!m.watchesForRcuidleProbes()) {
            String what = m.watchStep().isPresent()
                ? m.watchStep().get().primitive() + "() comes after the probe call"
                : "no step makes RCU watch before the probe call";
            Findings.Builder b = Findings.at(METADATA, doTrace, probeLine, probeColumn, "rcuidle probes unwatched")
                .severity(Severity.ERROR)
                .message("__DO_TRACE runs the probes of rcuidle tracepoints with RCU not watching: " + what)
                .hop(doTrace.file(), doTrace.line(), doTrace.name(), "takes rcuidle as a parameter");
            m.srcuReadLock().ifPresent(s -> b.hop(doTrace.file(), s.line(), doTrace.name(),
                s.primitive() + "() protects the tracepoint, not the probes' own RCU use"));
            m.watchStep().ifPresent(w -> b.hop(doTrace.file(), w.line(), doTrace.name(),
                w.primitive() + "() after the probes have run"));
            sink.report(b.hop(doTrace.file(), probeLine, doTrace.name(), probeCall + " runs the probes")
                .suggestion("make RCU watch (ct_irq_enter_irqson() / rcu_irq_enter_irqson()) before "
                    + m.probeCall().get().callee() + "() when rcuidle, and leave it after; or pass rcuidle to the "
                    + "probes so they can do it themselves")
                .build());
        }
        if (m.losesRcuidle()) {
            Findings.Builder b = Findings.at(METADATA, doTrace, probeLine, probeColumn, "rcuidle not passed to probes")
                .severity(Severity.NOTE)
                .message("__DO_TRACE knows rcuidle but " + m.probeCall().get().callee()
                    + "() does not pass it: probes cannot tell that RCU was not watching")
                .hop(doTrace.file(), doTrace.line(), doTrace.name(), "takes rcuidle as a parameter");
            m.watchStep().ifPresent(w -> b.hop(doTrace.file(), w.line(), doTrace.name(),
                w.primitive() + "() makes RCU watch for rcuidle callers: the probes depend on it"));
            sink.report(b.hop(doTrace.file(), probeLine, doTrace.name(), probeCall + ": rcuidle is lost here")
                .suggestion("keep the RCU-watching step around rcuidle probe calls for as long as rcuidle callers "
                    + "exist; probes must not assume RCU is watching")
                .build());
        }
    }

    /** Case (b): a tracepoint inside a region where RCU is not watching. */
    private void tracepointInRegion(RuleContext context, FunctionDef fn, SyncEvent e, FindingSink sink) {
        CodeModel model = context.model();
        String tp = e.tracepointName();
        if (context.treeAvailable() && !model.isTracepoint(tp)) {
            return;
        }
        Optional<RcuIdleRegion> region = context.contexts().regionAt(fn, e.line());
        if (e.isRcuidleTracepoint() && rcuidleProtected(context)) {
            return;
        }
        if (region.isEmpty()) {
            if (!e.isRcuidleTracepoint()) {
                calledFromRegion(context, fn, e, sink);
            }
            return;
        }
        RcuIdleRegion r = region.get();
        String variant = e.isRcuidleTracepoint() ? "trace_" + tp + "_rcuidle()" : "trace_" + tp + "()";
        sink.report(Findings.at(METADATA, fn, e.line(), e.column(), "trace_" + tp)
            .severity(Severity.ERROR)
            .message(variant + " is called where RCU is not watching (after " + r.opener()
                + "): its probes run with RCU blind")
            .hop(fn.file(), r.fromLine(), fn.name(), r.opener() + ": RCU stops watching")
            .hop(fn.file(), e.line(), fn.name(), variant + " inside the region (until line " + r.toLine() + ")")
            .suggestion(rcuidleProtected(context)
                ? "move the tracepoint out of the region (before " + r.opener() + " or after RCU watches again), "
                    + "or use trace_" + tp + "_rcuidle()"
                : "move the tracepoint out of the region, before " + r.opener() + " or after RCU watches again")
            .build());
    }

    /** Deepest call chain from a region to a tracepoint that is still reported. */
    private static final int MAX_REGION_DEPTH = 8;

    /**
     * Case (b) one or more calls away: a plain tracepoint in a function that is called from
     * inside an RCU-not-watching region (say sbi_ecall() called from a cpuidle driver after
     * ct_cpuidle_enter()). Only chains that start at a region and reach here through plain
     * calls count: a chain through a probe or an rcuidle tracepoint is about the probe, and the
     * tracepoint nearest the region is the one to move.
     */
    private void calledFromRegion(RuleContext context, FunctionDef fn, SyncEvent e, FindingSink sink) {
        Optional<dev.tpsync.model.EvidenceChain> chain = context.contexts().notWatchingChain(fn);
        // A boundary (a WARN or sanitizer report) is where such a chain ends, not a path code runs on.
        if (chain.isEmpty() || chain.get().length() > MAX_REGION_DEPTH || context.model().spec().isBoundary(fn.name())) {
            return;
        }
        List<dev.tpsync.model.ChainHop> hops = chain.get().hops();
        if (!hops.get(0).note().contains("RCU is not watching until line")) {
            return;
        }
        for (int i = 1; i < hops.size(); i++) {
            String note = hops.get(i).note();
            if (!note.startsWith("called from ") && !note.startsWith("macro used in ")) {
                return;
            }
        }
        String call = "trace_" + e.tracepointName() + "()";
        sink.report(Findings.at(METADATA, fn, e.line(), e.column(), "trace_" + e.tracepointName() + " via region")
            .severity(Severity.WARNING)
            .confidence(Confidence.MODERATE)
            .message(call + " runs where RCU is not watching: " + fn.name() + "() is called from an idle or "
                + "entry region (" + hops.get(0).function() + "): its probes run with RCU blind")
            .chain(chain, call + " here")
            .suggestion("do not trace on this path while RCU is not watching: move the call out of the region, "
                + "use a variant without the tracepoint there, or make RCU watch around it")
            .build());
    }

    /** True when the tree's __DO_TRACE makes RCU watch around rcuidle probe calls. */
    private static boolean rcuidleProtected(RuleContext context) {
        List<TracepointMachinery> m = context.contexts().machinery();
        return !m.isEmpty() && m.stream().allMatch(TracepointMachinery::watchesForRcuidleProbes);
    }
}
