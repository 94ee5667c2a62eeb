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
import java.util.function.Function;
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
     * The names whose callers a rule may judge anew after the patch that turns the touched files
     * {@code before} into {@code after}: functions and macros that sleep or make a grace-period
     * call in their own body after and not before, or the other way round; function-like macros
     * whose expansion calls other names (a wrapper that now forwards to a sleeping helper); and
     * names defined after and not before, or the other way round (an architecture's override of
     * a __weak default added or removed: another definition is linked).
     */
    static Set<String> between(Collection<FileFacts> before, Collection<FileFacts> after) {
        Set<String> changed = new TreeSet<>();
        for (Function<FileFacts, Set<String>> facet : List.<Function<FileFacts, Set<String>>>of(
            ChangedSleepers::sleepingIn, ChangedSleepers::expansions, ChangedSleepers::definedIn)) {
            changed.addAll(changedNames(before, after, facet));
        }
        return changed;
    }

    /**
     * The names whose {@code facet} entries ("name" or "name what") differ between the files
     * {@code before} and {@code after}: an entry in one and not the other names its function.
     */
    private static Set<String> changedNames(Collection<FileFacts> before, Collection<FileFacts> after,
                                            Function<FileFacts, Set<String>> facet) {
        Set<String> was = new TreeSet<>();
        before.forEach(f -> was.addAll(facet.apply(f)));
        Set<String> is = new TreeSet<>();
        after.forEach(f -> is.addAll(facet.apply(f)));
        Set<String> names = new TreeSet<>();
        for (String entry : was) {
            if (!is.contains(entry)) {
                names.add(nameOf(entry));
            }
        }
        for (String entry : is) {
            if (!was.contains(entry)) {
                names.add(nameOf(entry));
            }
        }
        return names;
    }

    private static String nameOf(String entry) {
        int space = entry.indexOf(' ');
        return space < 0 ? entry : entry.substring(0, space);
    }

    /** Each function-like macro of {@code file} with what its body calls: "name callee,callee". */
    private static Set<String> expansions(FileFacts file) {
        Set<String> out = new TreeSet<>();
        for (FunctionDef fn : file.functions()) {
            if (fn.kind() == FunctionKind.MACRO_BODY) {
                out.add(fn.name() + " " + fn.calls().stream().map(CallSite::callee).sorted().distinct()
                    .collect(Collectors.joining(",")));
            }
        }
        return out;
    }

    /** Where each function of {@code file} is defined: "name path" (a definition moved between files counts). */
    private static Set<String> definedIn(FileFacts file) {
        Set<String> out = new TreeSet<>();
        file.functions().forEach(fn -> out.add(fn.name() + " " + fn.file()));
        return out;
    }

    /** How many function-like macros deep callers are followed (nmi-perf-rcu looks through as many). */
    private static final int MACRO_DEPTH = 2;

    /** The most invokers of changed macros whose own callers are asked too. */
    private static final int MOST_INVOKERS = 256;

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
            // A macro's invokers call what it calls; a function that invokes a changed macro has
            // changed itself (the macro is its body at the call): its callers are asked next,
            // unless the macro is everywhere (a WARN_ON()): a hook run would judge half the
            // tree again for what is no wrapper of perf glue.
            boolean macros = found.size() <= MOST_INVOKERS && asked.stream().anyMatch(name -> isMacro(model, name));
            names = found.stream().filter(fn -> macros || fn.kind() == FunctionKind.MACRO_BODY).map(FunctionDef::name)
                .collect(Collectors.toCollection(TreeSet::new));
        }
        return out;
    }

    private static boolean isMacro(CodeModel model, String name) {
        return model.named(name).stream().anyMatch(n -> n.function().map(f -> f.kind() == FunctionKind.MACRO_BODY)
            .orElse(false));
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
