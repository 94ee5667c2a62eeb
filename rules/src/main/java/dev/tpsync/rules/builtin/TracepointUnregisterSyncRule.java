package dev.tpsync.rules.builtin;

import dev.tpsync.c.structure.CallSite;
import dev.tpsync.c.structure.FunctionDef;
import dev.tpsync.c.structure.SyncEvent;
import dev.tpsync.c.structure.SyncKind;
import dev.tpsync.model.CodeModel;
import dev.tpsync.model.Node;
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
 * tracepoint-unregister-sync: probe data freed after unregistering the probe without
 * tracepoint_synchronize_unregister(), which waits for every protection tracepoint callers
 * use (SRCU and RCU in 6.1, SRCU-fast again in 7.0).
 */
public final class TracepointUnregisterSyncRule implements Rule {

    static final RuleMetadata METADATA = new RuleMetadata(
        "tracepoint-unregister-sync",
        Severity.ERROR,
        Confidence.HIGH,
        "Probe data freed after unregistering without tracepoint_synchronize_unregister()",
        "A probe removed with tracepoint_probe_unregister() or unregister_trace_<tp>() may still be running on "
            + "another CPU. Whoever frees what the probe uses must first wait for all running probes, and only "
            + "tracepoint_synchronize_unregister() waits for every protection the callers use: SRCU and RCU in "
            + "4.19-6.12, RCU (and tasks-trace) in 6.13, SRCU-fast again from 7.0. A bare synchronize_rcu() misses "
            + "the SRCU readers of rcuidle tracepoints; no wait at all frees memory under running probes.",
        List.of("include/linux/tracepoint.h: tracepoint_synchronize_unregister()",
            "kernel/trace/trace_event_perf.c: perf_trace_event_unreg()",
            "https://lore.kernel.org/lkml/20200210102026.GC14897@hirez.programming.kicks-ass.net/"),
        """
            unregister_trace_sched_switch(probe_sched_switch, data);
            synchronize_rcu();		/* misses SRCU readers of rcuidle callers */
            kfree(data);""",
        """
            unregister_trace_sched_switch(probe_sched_switch, data);
            tracepoint_synchronize_unregister();
            kfree(data);""",
        "built-in");

    private static final Set<String> FREES = Set.of(
        "kfree", "kvfree", "vfree", "kfree_sensitive", "kzfree", "kmem_cache_free", "free_percpu", "free_page",
        "free_pages", "kfree_rcu", "kvfree_rcu");

    /** Frees that are deferred by an RCU grace period of their own. */
    private static final Set<String> RCU_DEFERRED_FREES = Set.of("kfree_rcu", "kvfree_rcu");

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public boolean positionIndependent() {
        return true;
    }

    /** The function's own calls, and which definitions wait for probes. */
    @Override
    public boolean readsWholeTree() {
        return false;
    }

    @Override
    public void check(RuleContext context, FindingSink sink) {
        for (FunctionDef fn : context.functionsToCheck()) {
            List<SyncEvent> events = fn.events();
            for (int i = 0; i < events.size(); i++) {
                SyncEvent unreg = events.get(i);
                if (unreg.kind() == SyncKind.PROBE_UNREGISTER) {
                    checkAfter(context, fn, unreg, sink);
                }
            }
        }
    }

    private void checkAfter(RuleContext context, FunctionDef fn, SyncEvent unreg, FindingSink sink) {
        Optional<CallSite> unregCall = callAt(fn, unreg);
        if (unregCall.isEmpty()) {
            return;
        }
        String data = probeData(unregCall.get());
        if (data.isEmpty()) {
            return;
        }
        for (CallSite c : fn.calls()) {
            if (!isAfter(c, unreg) || !FREES.contains(c.callee()) || !rootOf(c.arg(0)).equals(data)) {
                continue;
            }
            Optional<SyncEvent> wait = waitBetween(context, fn, unreg, c);
            if (wait.isPresent() && wait.get().kind() == SyncKind.TRACEPOINT_SYNC_UNREGISTER) {
                return;
            }
            if (wait.isEmpty() && RCU_DEFERRED_FREES.contains(c.callee())) {
                // kfree_rcu() waits for one RCU grace period itself: one flavour, like synchronize_rcu().
                wait = Optional.of(new SyncEvent(SyncKind.SYNCHRONIZE_RCU, c.callee(), c.line(), c.column(), "", "",
                    ""));
            }
            String free = c.callee() + "(" + c.argsText() + ")";
            Findings.Builder b = Findings.at(METADATA, fn, c.line(), c.column(), free)
                .hop(fn.file(), unreg.line(), fn.name(), unreg.primitive() + "(): the probe may still be running");
            if (wait.isPresent()) {
                b.severity(Severity.WARNING)
                    .message(free + " after " + unreg.primitive() + "() waits only with " + wait.get().primitive()
                        + "(): probes still running under the tracepoint's other protection can use freed memory")
                    .hop(fn.file(), wait.get().line(), fn.name(), wait.get().primitive() + "() waits for one flavour");
            } else {
                b.message(free + " right after " + unreg.primitive() + "() with no wait: running probes can use "
                    + "freed memory");
            }
            sink.report(b.hop(fn.file(), c.line(), fn.name(), "probe data freed here")
                .suggestion("call tracepoint_synchronize_unregister() between " + unreg.primitive() + "() and "
                    + c.callee() + "(); it waits for every reader flavour the tracepoint core uses")
                .build());
            return;
        }
    }

    /**
     * The wait between unregister and free: tracepoint_synchronize_unregister() (direct, or in a
     * helper that calls it) wherever it is in between; otherwise the first one-flavour wait.
     */
    private static Optional<SyncEvent> waitBetween(RuleContext context, FunctionDef fn, SyncEvent unreg,
                                                   CallSite free) {
        Optional<SyncEvent> partial = Optional.empty();
        for (SyncEvent e : fn.events()) {
            if (!isBetween(e.line(), e.column(), unreg, free)) {
                continue;
            }
            if (e.kind() == SyncKind.TRACEPOINT_SYNC_UNREGISTER) {
                return Optional.of(e);
            }
            if (partial.isEmpty() && (e.kind() == SyncKind.SYNCHRONIZE_RCU || e.kind() == SyncKind.SYNCHRONIZE_SRCU)) {
                partial = Optional.of(e);
            }
        }
        for (CallSite c : fn.calls()) {
            if (isBetween(c.line(), c.column(), unreg, free) && callsSynchronizeUnregister(context.model(), c)) {
                return Optional.of(new SyncEvent(SyncKind.TRACEPOINT_SYNC_UNREGISTER, c.callee(), c.line(), c.column(),
                    "", "", ""));
            }
        }
        return partial;
    }

    /** perf_trace_event_unreg() and similar helpers wait on the caller's behalf. */
    private static boolean callsSynchronizeUnregister(CodeModel model, CallSite call) {
        for (Node n : model.named(call.callee())) {
            if (n.function().isPresent() && n.function().get().events().stream()
                .anyMatch(e -> e.kind() == SyncKind.TRACEPOINT_SYNC_UNREGISTER)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<CallSite> callAt(FunctionDef fn, SyncEvent e) {
        return fn.calls().stream().filter(c -> c.line() == e.line() && c.column() == e.column()).findFirst();
    }

    /** The probe's data argument: tracepoint_probe_unregister(tp, probe, data), unregister_trace_x(probe, data). */
    private static String probeData(CallSite unreg) {
        String arg = unreg.callee().equals("tracepoint_probe_unregister") ? unreg.arg(2) : unreg.arg(1);
        String root = rootOf(arg);
        return root.equals("NULL") ? "" : root;
    }

    /** "&foo->bar", "(void *)foo", "foo" -> "foo". */
    static String rootOf(String expr) {
        String s = expr.trim();
        while (s.startsWith("(")) {
            int close = s.indexOf(')');
            if (close < 0) {
                return "";
            }
            s = s.substring(close + 1).trim();
        }
        if (s.startsWith("&") || s.startsWith("*")) {
            s = s.substring(1).trim();
        }
        int end = 0;
        while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_')) {
            end++;
        }
        return s.substring(0, end);
    }

    private static boolean isAfter(CallSite c, SyncEvent e) {
        return c.line() > e.line() || (c.line() == e.line() && c.column() > e.column());
    }

    private static boolean isBetween(int line, int column, SyncEvent from, CallSite to) {
        boolean afterFrom = line > from.line() || (line == from.line() && column > from.column());
        boolean beforeTo = line < to.line() || (line == to.line() && column < to.column());
        return afterFrom && beforeTo;
    }
}
