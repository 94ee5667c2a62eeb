package dev.tpsync.review;

import dev.tpsync.c.structure.CallSite;
import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.FunctionDef;
import dev.tpsync.c.structure.SyncEvent;
import dev.tpsync.model.ContextSpec;
import dev.tpsync.model.ContextSummary;
import dev.tpsync.model.ModelBuilder;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Tells whether an edit to one file can be judged from a {@link ContextSummary}: it changes only
 * what functions no context of the tree reaches call (a function a context reaches may only move).
 * Everything else about the file stays as the rest of the model sees it:
 *
 * <ul>
 *   <li>the same definitions in the same order, each with the same name, kind, {@code static}
 *       and {@code #if} condition (a rebuild keeps their nodes, and calls elsewhere resolve as
 *       before); or, in a file no context reaches, definitions added, removed or renamed that no
 *       other file sees (static functions and macros of a .c file);</li>
 *   <li>no tracepoint declared, no {@code __DO_TRACE}, no probe template (a file under
 *       include/trace/ never qualifies);</li>
 *   <li>no registration of a callback or probe, and the same stores to the members the spec
 *       links to callers, in the same order and functions, wherever they moved (the edges other
 *       functions get from this file stay);</li>
 *   <li>nothing that seeds a context, before or after: no idle, NMI or RCU-watching event, no
 *       {@code trace_*_rcuidle()} call, no configured region marker, no configured NMI entry.</li>
 * </ul>
 */
final class UnreachedChange {


    private UnreachedChange() {
    }

    /** True when the edit {@code before} to {@code after} of one file qualifies, as described above. */
    static boolean between(FileFacts before, FileFacts after, ContextSummary summary, ContextSpec spec) {
        return between(before, after, summary, spec, name -> false);
    }

    /**
     * As {@link #between(FileFacts, FileFacts, ContextSummary, ContextSpec)}; in a file no context
     * reaches, a definition other files see may also come and go when {@code unseen} says no
     * reached code can resolve to its name ({@link Redefinitions#unseenBy}).
     */
    static boolean between(FileFacts before, FileFacts after, ContextSummary summary, ContextSpec spec,
                           Predicate<String> unseen) {
        // keepsLinks's registrations and tracepoints are equal here because quiet ones have none.
        return keepsLinks(before, after, spec)
            && (sameDefinitions(before.functions(), after.functions())
            || redefinesOnlyUnseen(before, after, summary, spec, unseen))
            && changedOnlyWhereNothingReaches(before, after, summary) && quiet(before, spec) && quiet(after, spec);
    }

    /**
     * Whether the edit adds, removes or renames, in a file no context reaches, only definitions no
     * other file's calls resolve to ({@link ModelBuilder#isFileLocal}: static functions and macros
     * of a .c file) or of names {@code unseen} vouches for, none generating probes, and no store
     * linking a callback names one: only calls no context reaches may resolve otherwise, and the
     * file's functions stay unreached (a quiet file seeds nothing).
     */
    private static boolean redefinesOnlyUnseen(FileFacts before, FileFacts after, ContextSummary summary,
                                               ContextSpec spec, Predicate<String> unseen) {
        if (summary.reached().containsKey(before.path())) {
            return false;
        }
        Set<String> names = Redefinitions.between(Map.of(before.path(), before), Map.of(after.path(), after)).names();
        for (FileFacts f : List.of(before, after)) {
            for (FunctionDef fn : f.functions()) {
                if (names.contains(fn.name()) && (!fn.generates().isEmpty()
                    || !ModelBuilder.isFileLocal(fn) && !unseen.test(fn.name()))) {
                    return false;
                }
            }
        }
        return !Redefinitions.registeredOrStored(names, List.of(before, after), spec);
    }

    /**
     * True when the edit keeps the edges the file gives others by other means than definitions:
     * not a file under include/trace/, the same tracepoint declarations, and the same registering
     * calls in the same functions and stores to linked members, in order ({@link AddedLinks#of}).
     */
    static boolean keepsLinks(FileFacts before, FileFacts after, ContextSpec spec) {
        return before.path().equals(after.path()) && !before.path().startsWith("include/trace/")
            && before.tracepoints().equals(after.tracepoints())
            && AddedLinks.of(before, spec).equals(AddedLinks.of(after, spec));
    }

    /**
     * True when the edit is to a file a slice review may take: one that stays where it is, and,
     * in the trace event machinery under include/trace/, whose probe templates neither start a
     * context nor link a callback ({@link EventMachineryEdit}). What {@link ReviewEngine#fromSlice}
     * asks of a change before judging it on a slice of the tree; the names it defines anew or no
     * longer defines, the registrations and linking stores it adds and the tracepoints it declares
     * otherwise are checked apart ({@link Redefinitions}, {@link AddedLinks}, {@link TracepointChanges}).
     */
    static boolean sliceMayJudge(FileFacts before, FileFacts after, ContextSpec spec) {
        return before.path().equals(after.path()) && EventMachineryEdit.sliceMayJudge(before, after, spec);
    }

    /**
     * Every function of the file that a context reaches is the same after the edit, but for where
     * its code sits (compared alone, like a file by {@link LayoutOnlyChange}): its edges, its
     * context and its findings' fingerprints stay, and only the unreached functions changed.
     * Called after {@link #sameDefinitions}: the two lists pair up by position.
     */
    private static boolean changedOnlyWhereNothingReaches(FileFacts before, FileFacts after, ContextSummary summary) {
        if (!summary.reached().containsKey(before.path())) {
            return true;
        }
        for (int i = 0; i < before.functions().size(); i++) {
            FunctionDef was = before.functions().get(i);
            if (summary.reaches(before.path(), was.name())
                && !LayoutOnlyChange.between(alone(before, was), alone(after, after.functions().get(i)))) {
                return false;
            }
        }
        return true;
    }

    private static FileFacts alone(FileFacts file, FunctionDef fn) {
        return new FileFacts(file.path(), 0, List.of(fn), List.of(), List.of(), List.of());
    }

    private static boolean sameDefinitions(List<FunctionDef> before, List<FunctionDef> after) {
        if (before.size() != after.size()) {
            return false;
        }
        for (int i = 0; i < before.size(); i++) {
            FunctionDef was = before.get(i);
            FunctionDef is = after.get(i);
            if (!was.name().equals(is.name()) || was.kind() != is.kind() || was.isStatic() != is.isStatic()
                || !was.condition().equals(is.condition()) || !was.macro().equals(is.macro())
                || !was.generates().equals(is.generates())) {
                return false;
            }
        }
        return true;
    }

    /** Declares, registers and seeds nothing. */
    private static boolean quiet(FileFacts f, ContextSpec spec) {
        if (!f.tracepoints().isEmpty()) {
            return false;
        }
        for (FunctionDef fn : f.functions()) {
            if (fn.name().equals("__DO_TRACE") || !fn.generates().isEmpty()
                || spec.nmiEntryFunctions().contains(fn.name())) {
                return false;
            }
            for (SyncEvent e : fn.events()) {
                if (ContextSummary.seeds(e)) {
                    return false;
                }
            }
            for (CallSite c : fn.calls()) {
                if (!c.indirect() && (spec.isRegistrar(c.callee()) || marksRegion(c.callee(), spec)
                    || (c.callee().startsWith("trace_") && c.callee().endsWith("_rcuidle")))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean marksRegion(String callee, ContextSpec spec) {
        return spec.notWatchingRegions().stream().anyMatch(m -> m.enter().equals(callee) || m.exit().equals(callee));
    }
}
