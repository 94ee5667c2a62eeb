package dev.tpsync.review;

import dev.tpsync.c.structure.CallSite;
import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.FunctionDef;
import dev.tpsync.c.structure.FunctionKind;
import dev.tpsync.c.structure.SyncKind;
import dev.tpsync.model.CodeModel;
import dev.tpsync.model.Contexts;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The functions a patch made sleep, or wait for or queue an RCU grace period, in their own body,
 * or made stop doing so; and the callers a review must judge again because of them.
 *
 * <p>Why: a rule may flag a call by what its callee does (nmi-perf-rcu flags NMI-reachable perf
 * glue calling a helper elsewhere that sleeps). A patch that makes the helper sleep changes
 * neither the glue nor any context, so judging the touched functions and those whose context
 * changed would miss it, and would not see a patch that makes it stop sleeping resolve the
 * finding; a scan of the tree after the patch would. Only callers of such functions are added:
 * rechecking the callers of every edited function would cost a hook run on a change to a
 * much-called function thousands of functions for nothing.
 */
final class ChangedSleepers {

    private static final Set<SyncKind> GRACE_PERIOD = Set.of(SyncKind.SYNCHRONIZE_RCU, SyncKind.SYNCHRONIZE_SRCU,
        SyncKind.CALL_RCU);

    private ChangedSleepers() {
    }

    /**
     * The names of the functions that sleep or make a grace-period call in their own body in
     * {@code after} (the touched files after the patch) and not in {@code before} (the same
     * files before it), or the other way round.
     */
    static Set<String> between(Collection<FileFacts> before, Collection<FileFacts> after) {
        Set<String> was = new TreeSet<>();
        before.forEach(f -> was.addAll(sleepingIn(f)));
        Set<String> now = new TreeSet<>();
        after.forEach(f -> now.addAll(sleepingIn(f)));
        Set<String> changed = new TreeSet<>(now);
        changed.removeAll(was);
        was.removeAll(now);
        changed.addAll(was);
        return changed;
    }

    /** How many function-like macros deep callers are followed (nmi-perf-rcu looks through as many). */
    private static final int MACRO_DEPTH = 2;

    /**
     * The functions of {@code model} that call one of {@code callees} by name, and those that
     * invoke a function-like macro that does (a macro is its body at the call), two macros deep.
     */
    static List<FunctionDef> callersOf(CodeModel model, Set<String> callees) {
        List<FunctionDef> out = new ArrayList<>();
        Set<String> names = callees;
        for (int round = 0; round <= MACRO_DEPTH && !names.isEmpty(); round++) {
            Set<String> asked = names;
            List<FunctionDef> found = model.files().stream()
                .flatMap(f -> f.functions().stream())
                .filter(fn -> fn.calls().stream().map(CallSite::callee).anyMatch(asked::contains))
                .toList();
            out.addAll(found);
            names = found.stream().filter(fn -> fn.kind() == FunctionKind.MACRO_BODY).map(FunctionDef::name)
                .collect(Collectors.toCollection(TreeSet::new));
        }
        return out;
    }

    /** The functions and function-like macros of {@code file} whose own body sleeps or makes a grace-period call. */
    private static Set<String> sleepingIn(FileFacts file) {
        Set<String> out = new TreeSet<>();
        for (FunctionDef fn : file.functions()) {
            if (Contexts.bodyCallsSleeper(fn) || fn.events().stream().anyMatch(e -> GRACE_PERIOD.contains(e.kind()))) {
                out.add(fn.name());
            }
        }
        return out;
    }
}
