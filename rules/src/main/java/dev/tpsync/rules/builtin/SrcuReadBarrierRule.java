package dev.tpsync.rules.builtin;

import dev.tpsync.c.structure.FunctionDef;
import dev.tpsync.c.structure.SyncEvent;
import dev.tpsync.c.structure.SyncKind;
import dev.tpsync.model.EvidenceChain;
import dev.tpsync.model.TreeCapabilities;
import dev.tpsync.rules.spi.Confidence;
import dev.tpsync.rules.spi.FindingSink;
import dev.tpsync.rules.spi.Findings;
import dev.tpsync.rules.spi.Rule;
import dev.tpsync.rules.spi.RuleContext;
import dev.tpsync.rules.spi.RuleMetadata;
import dev.tpsync.rules.spi.Severity;
import java.util.List;
import java.util.Optional;

/**
 * srcu-read-barrier: classic srcu_read_lock() runs smp_mb() on the read side, too dear on a
 * tracepoint hot path, and is not NMI-safe.
 */
public final class SrcuReadBarrierRule implements Rule {

    static final RuleMetadata METADATA = new RuleMetadata(
        "srcu-read-barrier",
        Severity.WARNING,
        Confidence.HIGH,
        "Classic SRCU read side (smp_mb() per call, not NMI-safe) on a tracepoint hot path or in NMI-reachable code",
        "srcu_read_lock()/srcu_read_unlock() execute a full memory barrier on the read side "
            + "(__srcu_read_lock in kernel/rcu/srcutree.c). On a tracepoint path that runs on every event, or in a "
            + "probe, that is a real cost: the reason Peter Zijlstra argued against SRCU in tracepoints. Classic "
            + "SRCU is also not NMI-safe, so a read side reachable from NMI is an error. SRCU taken only on the "
            + "rcuidle branch of __DO_TRACE is the accepted 4.19-6.12 design and is reported as a note.",
        List.of("https://lore.kernel.org/lkml/20200210102026.GC14897@hirez.programming.kicks-ass.net/ "
                + "(Re: [RFC 0/3] Revert SRCU from tracepoint infrastructure)",
            "kernel/rcu/srcutree.c: __srcu_read_lock()",
            "commit 2b95bf89c3a4 (srcu_read_lock_nmisafe, 6.2); srcu_read_lock_lite (6.13); srcu_read_lock_fast (6.15)"),
        """
            static notrace void perf_trace_foo(void *data, int arg)
            {
            	int idx = srcu_read_lock(&foo_srcu);	/* smp_mb() on every event */
            	...
            	srcu_read_unlock(&foo_srcu, idx);
            }""",
        """
            static notrace void perf_trace_foo(void *data, int arg)
            {
            	/* probes already run under the tracepoint's own protection */
            	preempt_disable_notrace();
            	...
            	preempt_enable_notrace();
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

    /** The function's own events and chains, and the tree's capabilities. */
    @Override
    public boolean readsWholeTree() {
        return false;
    }

    @Override
    public void check(RuleContext context, FindingSink sink) {
        TreeCapabilities caps = context.contexts().capabilities();
        for (FunctionDef fn : context.functionsToCheck()) {
            for (SyncEvent e : fn.events()) {
                if (e.kind() == SyncKind.SRCU_READ_LOCK && isClassic(e.primitive())) {
                    check(context, fn, e, caps, sink);
                }
            }
        }
    }

    /**
     * srcu_read_lock() and _notrace (and guard(srcu), scoped_guard(srcu, ...)) have the barrier;
     * _nmisafe/_fast/_lite differ.
     */
    static boolean isClassic(String primitive) {
        return primitive.equals("srcu_read_lock") || primitive.equals("srcu_read_lock_notrace")
            || primitive.equals("guard(srcu)") || primitive.equals("scoped_guard(srcu)");
    }

    /**
     * True when the enclosing if runs its body only for rcuidle callers: {@code rcuidle}, or a
     * conjunction with it. Merely mentioning rcuidle is not enough: {@code if (!rcuidle)} and
     * {@code if (rcuidle || x)} also take the read side on the plain (hot) path.
     */
    static boolean takenOnlyForRcuidle(String guard) {
        if (guard.contains("||")) {
            return false;
        }
        for (String term : guard.split("&&")) {
            if (unwrap(term).equals("rcuidle")) {
                return true;
            }
        }
        return false;
    }

    /** "(rcuidle)", "unlikely(rcuidle)", " rcuidle " -> "rcuidle". */
    private static String unwrap(String term) {
        String t = term.replaceAll("\\s+", "");
        boolean changed = true;
        while (changed) {
            changed = false;
            for (String wrapper : new String[] {"unlikely(", "likely(", "("}) {
                if (t.startsWith(wrapper) && t.endsWith(")")) {
                    t = t.substring(wrapper.length(), t.length() - 1);
                    changed = true;
                }
            }
        }
        return t;
    }

    private void check(RuleContext context, FunctionDef fn, SyncEvent e, TreeCapabilities caps, FindingSink sink) {
        boolean rcuidleOnly = takenOnlyForRcuidle(e.guard());
        Optional<EvidenceChain> nmi = context.contexts().nmiChain(fn);
        Optional<EvidenceChain> hot = context.contexts().hotPathChain(fn);
        String anchor = e.primitive() + "(" + e.argument() + ")";
        String call = e.primitive() + "(" + e.argument() + ")";
        if (nmi.isPresent() && !rcuidleOnly) {
            sink.report(Findings.at(METADATA, fn, e.line(), e.column(), anchor)
                .severity(Severity.ERROR)
                .message(call + " is reachable from NMI: classic SRCU read sides are not NMI-safe")
                .chain(nmi, e.primitive() + "() here")
                .suggestion("use " + String.join(", or ", caps.nmiSafeAlternatives()))
                .build());
            return;
        }
        if (hot.isEmpty()) {
            return;
        }
        if (rcuidleOnly) {
            sink.report(Findings.at(METADATA, fn, e.line(), e.column(), anchor)
                .severity(Severity.NOTE)
                .message(call + " runs smp_mb() on every rcuidle tracepoint hit (taken only on the rcuidle branch)")
                .chain(hot, e.primitive() + "() under if (" + e.guard() + ")")
                .suggestion("keep SRCU on the rcuidle path only; for the common path "
                    + String.join(", or ", caps.hotPathAlternatives()))
                .build());
            return;
        }
        sink.report(Findings.at(METADATA, fn, e.line(), e.column(), anchor)
            .severity(Severity.WARNING)
            .message(call + " runs smp_mb() on every tracepoint hit: classic SRCU is too dear on this hot path")
            .chain(hot, e.primitive() + "() here")
            .suggestion("use " + String.join(", or ", caps.hotPathAlternatives())
                + "; or take SRCU only on the rcuidle path")
            .build());
    }
}
