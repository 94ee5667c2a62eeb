package dev.tpsync.rules.builtin;

import dev.tpsync.c.structure.CallSite;
import dev.tpsync.c.structure.FunctionDef;
import dev.tpsync.c.structure.FunctionKind;
import dev.tpsync.c.structure.SyncEvent;
import dev.tpsync.c.structure.SyncKind;
import dev.tpsync.model.CodeModel;
import dev.tpsync.model.Edge;
import dev.tpsync.model.EdgeKind;
import dev.tpsync.model.EvidenceChain;
import dev.tpsync.model.Node;
import dev.tpsync.model.TracepointMachinery;
import dev.tpsync.rules.spi.Confidence;
import dev.tpsync.rules.spi.FindingSink;
import dev.tpsync.rules.spi.Findings;
import dev.tpsync.rules.spi.Rule;
import dev.tpsync.rules.spi.RuleContext;
import dev.tpsync.rules.spi.RuleMetadata;
import dev.tpsync.rules.spi.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * nmi-perf-rcu: perf runs from NMI, and tracepoints hit from NMI run perf's probe there. RCU
 * read sides in perf glue are sound only where RCU watches on every path that reaches them;
 * update-side and sleeping calls are never allowed in NMI.
 */
public final class NmiPerfRcuRule implements Rule {

    static final RuleMetadata METADATA = new RuleMetadata(
        "nmi-perf-rcu",
        Severity.WARNING,
        Confidence.HIGH,
        "RCU read side in NMI-reachable perf/tracing glue; RCU update or sleeping calls in NMI-reachable code",
        "perf's PMU interrupt is an NMI, and a tracepoint hit in NMI runs perf's probe (perf_trace_<class> -> "
            + "perf_tp_event) in NMI. perf uses RCU for its own data, so rcu_read_lock(), rcu_dereference() and "
            + "list_for_each_entry_rcu() in that glue are sound only where RCU is watching on every path. Reached "
            + "from NMI it is a warning (RCU watches after irqentry_nmi_enter()); reached also from an rcuidle "
            + "tracepoint or an RCU-not-watching region it is an error: it works only because __DO_TRACE makes RCU "
            + "watch around rcuidle probes, the step the seed thread wants to remove. synchronize_rcu(), "
            + "call_rcu() and sleeping locks in NMI-reachable perf/tracing glue are always errors, and so is a "
            + "call from that glue to a function elsewhere that makes one in its own body (the macros it invokes "
            + "included), directly or through a function-like macro (flagged at the call; where a name has "
            + "several definitions, the one a build for the tree's architecture links). "
            + "Code reached only from system calls (e.g. _perf_ioctl) is not flagged.",
        List.of("https://lore.kernel.org/lkml/20200210102026.GC14897@hirez.programming.kicks-ass.net/",
            "commit 865e63b04e9b2 (tracing: Add back in rcu_irq_enter/exit_irqson() for rcuidle tracepoints)",
            "kernel/events/core.c: perf_tp_event()"),
        """
            void perf_tp_event(u16 type, u64 count, void *record, ...)
            {
            	/* reachable from exc_nmi -> nmi_handle -> trace_nmi_handler -> perf_trace_nmi_handler */
            	rcu_read_lock();
            	ctx = rcu_dereference(task->perf_event_ctxp);
            	...
            	rcu_read_unlock();
            }""",
        """
            void perf_tp_event(u16 type, u64 count, void *record, ...)
            {
            	/* the probe runs with preemption disabled: an RCU-sched reader already */
            	ctx = rcu_dereference_sched(task->perf_event_ctxp);
            	...
            }""",
        "built-in");

    /** Read-side primitives the rule judges; _raw/_sched/_bh flavours have other owners. */
    private static final Set<String> READ_SIDE = Set.of(
        "rcu_read_lock", "guard(rcu)", "scoped_guard(rcu)", "rcu_dereference", "rcu_dereference_check",
        "list_for_each_entry_rcu",
        "hlist_for_each_entry_rcu", "list_first_or_null_rcu", "list_entry_rcu", "list_next_or_null_rcu");

    /** RCU update-side calls: they wait for, or queue work after, a grace period. */
    private static final Set<SyncKind> UPDATE_SIDE = Set.of(SyncKind.SYNCHRONIZE_RCU, SyncKind.CALL_RCU,
        SyncKind.SYNCHRONIZE_SRCU);

    private static final Set<String> SLEEPING = Set.of(
        "mutex_lock", "mutex_lock_interruptible", "mutex_lock_killable", "down", "down_interruptible", "down_read",
        "down_write", "msleep", "ssleep", "usleep_range", "schedule", "schedule_timeout", "wait_for_completion",
        "might_sleep", "cond_resched", "vfree", "synchronize_net");

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public boolean positionIndependent() {
        return true;
    }

    /** The function's own events and chains, and the tree's machinery. */
    @Override
    public boolean readsWholeTree() {
        return false;
    }

    @Override
    public void check(RuleContext context, FindingSink sink) {
        for (FunctionDef fn : context.functionsToCheck()) {
            // Every finding of this rule is in perf or tracing glue: ask that first, since an
            // evidence chain for each of a kernel's 30k NMI-reachable functions is not free.
            if (!KernelAreas.isPerfOrTracingGlue(fn.file())) {
                continue;
            }
            Optional<EvidenceChain> nmi = context.contexts().nmiChain(fn);
            if (nmi.isEmpty()) {
                continue;
            }
            readSide(context, fn, nmi, sink);
            forbiddenCalls(fn, nmi, sink);
            forbiddenCallees(context, fn, nmi, sink);
        }
    }

    private void readSide(RuleContext context, FunctionDef fn, Optional<EvidenceChain> nmi, FindingSink sink) {
        List<SyncEvent> uses = fn.events().stream()
            .filter(e -> (e.kind() == SyncKind.RCU_READ_LOCK || e.kind() == SyncKind.RCU_DEREFERENCE)
                && READ_SIDE.contains(e.primitive()))
            .toList();
        if (uses.isEmpty()) {
            return;
        }
        // One finding per function, at its rcu_read_lock() when it has one: that is the line to change.
        SyncEvent at = uses.stream().filter(e -> e.kind() == SyncKind.RCU_READ_LOCK).findFirst().orElse(uses.get(0));
        Optional<EvidenceChain> notWatching = context.contexts().notWatchingChain(fn);
        String others = uses.size() > 1 ? " (and " + (uses.size() - 1) + " more RCU read-side uses here)" : "";
        Findings.Builder b = Findings.at(METADATA, fn, at.line(), at.column(), at.primitive() + "()")
            .chain(nmi, at.primitive() + "() here" + others);
        if (notWatching.isPresent()) {
            boolean bandAid = context.contexts().machinery().stream()
                .anyMatch(TracepointMachinery::watchesForRcuidleProbes);
            b.severity(Severity.ERROR)
                .message(at.primitive() + "() in perf glue reachable from NMI and from where RCU is not watching ("
                    + notWatching.get().start().function() + ")"
                    + (bandAid ? ": safe only while __DO_TRACE makes RCU watch around rcuidle probes" : ""));
            Findings.evidence(notWatching).forEach(h -> b.hop(h.file(), h.line(), h.function(),
                "also reached with RCU not watching: " + h.note()));
            b.hop(fn.file(), at.line(), fn.name(), "the same read side, reached with RCU not watching");
        } else {
            b.message(at.primitive() + "() in perf glue reachable from NMI: sound only while RCU watches on every "
                + "path here");
        }
        b.suggestion("rely on the caller's protection: probes run with preemption disabled, so use "
            + "rcu_dereference_sched()/RCU-sched readers, or make sure every path enters with RCU watching "
            + "(ct_irq_enter() / irqentry_nmi_enter()) before this point");
        sink.report(b.build());
    }

    /** Ways of dropping a reference that say "only the last put gets past here". */
    private static final Set<String> LAST_REFERENCE = Set.of(
        "refcount_dec_and_test", "atomic_dec_and_test", "atomic_long_dec_and_test", "refcount_dec_and_lock",
        "kref_put", "percpu_ref_put");

    /**
     * call_rcu() after refcount_dec_and_test() frees on the last put. A put from NMI is never
     * the last one (the event or handle holds a reference while NMI code runs), so such a
     * call_rcu() is not an NMI hazard.
     */
    private static boolean afterLastReference(FunctionDef fn, int line) {
        return fn.calls().stream().anyMatch(c -> c.line() <= line && LAST_REFERENCE.contains(c.callee()));
    }

    private void forbiddenCalls(FunctionDef fn, Optional<EvidenceChain> nmi, FindingSink sink) {
        for (SyncEvent e : fn.events()) {
            if (isUpdateSide(fn, e)) {
                if (!KernelAreas.isPerfOrTracingGlue(fn.file())) {
                    continue;
                }
                sink.report(Findings.at(METADATA, fn, e.line(), e.column(), e.primitive() + "()")
                    .severity(Severity.ERROR)
                    .message(e.primitive() + "() in code reachable from NMI: RCU update-side calls may sleep or "
                        + "take locks and must not run in NMI")
                    .chain(nmi, e.primitive() + "() here")
                    .suggestion("defer the update to irq_work (irq_work_queue()) or to process context")
                    .build());
            }
        }
        for (CallSite c : fn.calls()) {
            if (isSleeping(c) && KernelAreas.isPerfOrTracingGlue(fn.file())) {
                sink.report(Findings.at(METADATA, fn, c.line(), c.column(), c.callee() + "()")
                    .severity(Severity.ERROR)
                    .message(c.callee() + "() may sleep, in code reachable from NMI")
                    .chain(nmi, c.callee() + "() here")
                    .suggestion("defer the sleeping work to irq_work or a workqueue")
                    .build());
            }
        }
    }

    /**
     * A call from the glue to a function outside perf and tracing glue whose own body waits for
     * a grace period or sleeps: flagged at the call, the line in the glue a patch added and a
     * reviewer can change. The callee's body is judged only in glue: NMI reachability through
     * the rest of the kernel's call graph is too coarse to flag every sleeper it reaches, but
     * the first hop out of the glue is a call the glue makes itself.
     */
    private void forbiddenCallees(RuleContext context, FunctionDef fn, Optional<EvidenceChain> nmi,
                                  FindingSink sink) {
        CodeModel model = context.model();
        String arch = model.spec().primaryArch() + "/";
        for (Call call : callsOf(model, fn, fn, NmiPerfRcuRule::isCall)) {
            int line = call.line();
            for (FunctionDef callee : linked(call.definitions(), arch)) {
                Optional<Forbidden> forbidden = forbiddenThrough(model, fn, callee, arch, MACRO_DEPTH);
                if (forbidden.isEmpty()) {
                    continue;
                }
                String name = callee.name();
                int column = fn.calls().stream().filter(c -> c.callee().equals(name) && c.line() == line)
                    .mapToInt(CallSite::column).findFirst().orElse(0);
                sink.report(Findings.at(METADATA, fn, line, column, name + "()")
                    .severity(Severity.ERROR)
                    .message(name + "() " + forbidden.get().what() + ", and is called from code reachable from NMI")
                    .chain(nmi, name + "() called here")
                    .hop(forbidden.get().in().file(), forbidden.get().line(), forbidden.get().in().name(),
                        forbidden.get().here())
                    .suggestion(calleeSuggestion(name, forbidden.get().in()))
                    .build());
                break;
            }
        }
    }

    /** A call a function or macro body makes, by line and name, with the definitions it reaches. */
    private record Call(int line, List<FunctionDef> definitions) {
    }

    /**
     * The calls of {@code from} that {@code follow} admits, to functions or macros outside the
     * glue that are no primitive {@code caller} is judged for already, each with every definition
     * of its name it reaches (a __weak default and an architecture's own: {@link #linked} picks),
     * in the order of the model's edges.
     */
    private static List<Call> callsOf(CodeModel model, FunctionDef from, FunctionDef caller, Predicate<Edge> follow) {
        Optional<Node> node = model.nodeOf(from);
        if (node.isEmpty()) {
            return List.of();
        }
        Map<String, Call> byLineAndName = new LinkedHashMap<>();
        for (Edge edge : model.outEdges(node.get().id())) {
            Optional<FunctionDef> to = model.node(edge.to()).function();
            if (follow.test(edge) && to.isPresent() && to.get() != from
                && !KernelAreas.isPerfOrTracingGlue(to.get().file()) && !isPrimitive(caller, to.get().name())) {
                byLineAndName.computeIfAbsent(edge.line() + ":" + to.get().name(),
                    k -> new Call(edge.line(), new ArrayList<>())).definitions().add(to.get());
            }
        }
        return List.copyOf(byLineAndName.values());
    }

    /** A call by name of a function or of a function-like macro (which is its body at the call). */
    private static boolean isCall(Edge edge) {
        return edge.kind() == EdgeKind.CALL || edge.kind() == EdgeKind.MACRO;
    }

    /** How many function-like macros deep a call is followed to the functions they call (a macro over a macro). */
    private static final int MACRO_DEPTH = 2;

    /**
     * What in {@code callee}, called from {@code caller}, must not run in NMI. A function-like
     * macro is its body at the call, so the functions it calls are judged too, as one hop out
     * of the glue (a wrapper such as {@code #define filter_wait() filter_drain(1)}).
     */
    private static Optional<Forbidden> forbiddenThrough(CodeModel model, FunctionDef caller, FunctionDef callee,
                                                     String arch, int depth) {
        Optional<Forbidden> own = forbiddenIn(callee);
        if (own.isPresent() || depth == 0) {
            return own;
        }
        // A macro's calls are the caller's own; a function's body is its own, macros included
        // (a helper taking a lock through a wrapper), but the functions it calls are a hop further.
        boolean macro = callee.kind() == FunctionKind.MACRO_BODY;
        Predicate<Edge> follow = macro ? NmiPerfRcuRule::isCall : e -> e.kind() == EdgeKind.MACRO;
        for (Call call : callsOf(model, callee, caller, follow)) {
            for (FunctionDef inner : linked(call.definitions(), arch)) {
                Optional<Forbidden> found = forbiddenThrough(model, caller, inner, arch, depth - 1);
                if (found.isPresent()) {
                    String how = macro ? "expands to a call of " : "calls ";
                    return found.map(f -> new Forbidden(how + inner.name() + "(), which " + f.what(), f.here(), f.in(),
                        f.line()));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The definitions among {@code defs} (one name's) that a build for the tree's architecture
     * links: that architecture's own when it has one (it overrides a __weak default), else the
     * generic ones, else (a name only architectures define) all of them.
     */
    private static List<FunctionDef> linked(List<FunctionDef> defs, String archDir) {
        if (defs.size() == 1) {
            return defs;
        }
        List<FunctionDef> own = defs.stream().filter(d -> d.file().startsWith(archDir)).toList();
        if (!own.isEmpty()) {
            return own;
        }
        List<FunctionDef> generic = defs.stream().filter(d -> !d.file().startsWith("arch/")).toList();
        return generic.isEmpty() ? defs : generic;
    }

    /**
     * Whether {@code name} is a primitive {@link #forbiddenCalls} judges by name: in a real tree
     * synchronize_rcu() and mutex_lock() are defined too, outside the glue, and their bodies sleep,
     * so without this each such call would be reported again as a call of a sleeping helper.
     */
    private static boolean isPrimitive(FunctionDef fn, String name) {
        return SLEEPING.contains(name)
            || fn.events().stream().anyMatch(e -> e.primitive().equals(name) && UPDATE_SIDE.contains(e.kind()));
    }

    /**
     * Either side may be what to change: the call (the glue's new line) or the callee (a patch
     * that made it sleep). irq_work is how NMI code defers work, so a callee of that name is
     * never the call to defer.
     */
    private static String calleeSuggestion(String callee, FunctionDef doer) {
        // A wrapper macro only forwards: what to keep from sleeping is the function whose body sleeps.
        String keeps = doer.kind() == FunctionKind.MACRO_BODY ? callee : doer.name();
        String keep = "keep " + keeps + "() from sleeping and from waiting for grace periods: NMI-reachable code "
            + "calls it";
        return callee.startsWith("irq_work_") ? keep
            : "defer the call to irq_work (irq_work_queue()) or to process context, or " + keep;
    }

    /**
     * What must not run in NMI, one hop from the glue: what the callee does ("may sleep: it calls
     * msleep()"), the call that does it ({@code here}), and where ({@code line} of {@code in}):
     * an evidence hop, which a review carries to the range's head as the code moves.
     */
    private record Forbidden(String what, String here, FunctionDef in, int line) {
    }

    /** What in {@code fn}'s own body must not run in NMI: "calls synchronize_rcu()", say. */
    private static Optional<Forbidden> forbiddenIn(FunctionDef fn) {
        for (SyncEvent e : fn.events()) {
            if (isUpdateSide(fn, e)) {
                String call = e.primitive() + "()";
                return Optional.of(new Forbidden("calls " + call, call + " here: must not run in NMI", fn, e.line()));
            }
        }
        return fn.calls().stream().filter(NmiPerfRcuRule::isSleeping).findFirst()
            .map(c -> new Forbidden("may sleep: it calls " + c.callee() + "()", c.callee() + "() here: may sleep", fn,
                c.line()));
    }

    /** An RCU update-side call in {@code fn} that must not run in NMI (not one after the last reference's put). */
    private static boolean isUpdateSide(FunctionDef fn, SyncEvent e) {
        return UPDATE_SIDE.contains(e.kind()) && !afterLastReference(fn, e.line());
    }

    /** A direct call of a primitive that may sleep. */
    private static boolean isSleeping(CallSite c) {
        return !c.indirect() && SLEEPING.contains(c.callee());
    }
}
