package dev.tpsync.review;

import dev.tpsync.c.structure.CallSite;
import dev.tpsync.c.structure.FieldStore;
import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.FunctionDef;
import dev.tpsync.model.CodeModel;
import dev.tpsync.model.ContextSlice;
import dev.tpsync.model.ContextSpec;
import dev.tpsync.model.Contexts;
import dev.tpsync.model.ModelBuilder;
import dev.tpsync.model.Node;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The names a change to some files defines anew, stops defining, or defines otherwise as call
 * resolution sees a definition (its kind, {@code static}, {@code #if} condition, header macro):
 * a call of one of them may resolve to other functions after the change. Judging such a change
 * on a {@link ContextSlice} is sound when every place whose edges may change that way is in the
 * slice's model, which this class checks name by name.
 *
 * <p>Why the checks are enough. Resolution picks, for a call of a name, among the definitions of
 * that name only (see ModelBuilder): a definition added can add itself and hide others (a
 * same-file definition, a local header's, an architecture's own over asm-generic's); one taken
 * away can bring back the ones it hid, which the slice may not hold. So a name a change redefines
 * is vouched for when
 *
 * <ul>
 *   <li>it is one of the slice's {@link ContextSlice#reachedCallees}: the slice holds its every
 *       definition, so every call and registration of it resolves there as in the tree; or</li>
 *   <li>no function the base reaches calls it, outside the touched files (those are whole in the
 *       slice, and each function of theirs that is reached after the change is checked by
 *       review as a function the change makes reached), and, when a definition of it was taken
 *       away, no registering call names it and no store linking a callback stores it anywhere in
 *       the tree (the slice holds every registering function and every such store, and every
 *       target their edges had: a definition added can only join those or hide some): then no
 *       edge from reached code leads to one of its definitions but as in the slice.</li>
 * </ul>
 *
 * Names the model's machinery looks up by name (the tracepoint core, probe templates, named NMI
 * entries, callback invokers, read-side capabilities) and names a call of which may stand for a
 * tracepoint ({@link #mayStandForTracepoint}) are never vouched for, nor a change to a definition
 * that generates probes: those changes go the long way. Other {@code trace_*} names (the tracing
 * core's trace_hardirqs_on(), trace_seq_printf(), a helper a patch adds to kernel/trace/) resolve
 * as every name does, and are judged by the rules above.
 */
final class Redefinitions {

    private final Set<String> names;
    private final Set<String> taken;

    private Redefinitions(Set<String> names, Set<String> taken) {
        this.names = Set.copyOf(names);
        this.taken = Set.copyOf(taken);
    }

    /** The names the edits from each file of {@code before} to the file of the same path in {@code after} redefine. */
    static Redefinitions between(Map<String, FileFacts> before, Map<String, FileFacts> after) {
        Set<String> out = new HashSet<>();
        Set<String> taken = new HashSet<>();
        for (Map.Entry<String, FileFacts> was : before.entrySet()) {
            Map<String, List<String>> old = resolvable(was.getValue());
            Map<String, List<String>> now = resolvable(after.get(was.getKey()));
            old.forEach((name, defs) -> {
                List<String> is = now.getOrDefault(name, List.of());
                if (!defs.equals(is)) {
                    out.add(name);
                    List<String> left = new ArrayList<>(defs);
                    is.forEach(left::remove);
                    if (!left.isEmpty()) {
                        taken.add(name);
                    }
                }
            });
            now.keySet().stream().filter(name -> !old.containsKey(name)).forEach(out::add);
        }
        return new Redefinitions(out, taken);
    }

    /**
     * Of {@code unvouched}, the names a definition was taken from (removed, or changed as
     * resolution sees it): only those can bring back definitions the one taken hid, which a
     * registration may then resolve to. A definition added only adds itself as a candidate and
     * may hide others; the slice holds every registering function and every target it had.
     */
    Set<String> takenAmong(Set<String> unvouched) {
        Set<String> out = new HashSet<>(unvouched);
        out.retainAll(taken);
        return out;
    }

    /** Whether the edits redefine nothing: their files keep their definitions alike, in order or not. */
    boolean isEmpty() {
        return names.isEmpty();
    }

    Set<String> names() {
        return names;
    }

    /**
     * Each name {@code file} defines, with what resolution reads of each of its definitions
     * there, in order (a definition that only moved reads the same).
     */
    private static Map<String, List<String>> resolvable(FileFacts file) {
        Map<String, List<String>> out = new HashMap<>();
        if (file == null) {
            return out;
        }
        for (FunctionDef fn : file.functions()) {
            out.computeIfAbsent(fn.name(), n -> new ArrayList<>()).add(fn.kind() + "\0" + fn.isStatic() + "\0"
                + fn.condition() + "\0" + fn.macro() + "\0" + fn.generates());
        }
        return out;
    }

    /**
     * The redefined names the slice does not hold every definition of: those that must meet the
     * second condition above. Empty when a name may never be redefined on a slice: one the
     * machinery looks up, one that may stand for a tracepoint of {@code declared} (the names of
     * the tracepoints the tree declares before and after the change), or one with a
     * probe-generating definition in {@code before} or {@code after}.
     */
    Optional<Set<String>> unvouched(ContextSlice slice, ContextSpec spec, Set<String> declared,
                                    Collection<FileFacts> before, Collection<FileFacts> after) {
        Set<String> machinery = ContextSlice.machineryNames(spec);
        for (String name : names) {
            if (machinery.contains(name) || mayStandForTracepoint(name, declared, spec)) {
                return Optional.empty();
            }
        }
        if (generatesAny(before) || generatesAny(after)) {
            return Optional.empty();
        }
        Set<String> out = new HashSet<>(names);
        out.removeAll(slice.reachedCallees());
        return Optional.of(out);
    }

    private boolean generatesAny(Collection<FileFacts> files) {
        for (FileFacts f : files) {
            for (FunctionDef fn : f.functions()) {
                if (!fn.generates().isEmpty() && names.contains(fn.name())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether a registering call or a callback-linking store of {@code files} names one of
     * {@code unvouched} (any identifier of a registering call's arguments counts).
     */
    static boolean registeredOrStored(Set<String> unvouched, Collection<FileFacts> files, ContextSpec spec) {
        if (unvouched.isEmpty()) {
            return false;
        }
        for (FileFacts f : files) {
            for (FieldStore store : f.fieldStores()) {
                if (spec.linksCallback(store.field(), f.path()) && namesAny(store.value(), unvouched)) {
                    return true;
                }
            }
            for (FunctionDef fn : f.functions()) {
                for (CallSite call : fn.calls()) {
                    if (!call.indirect() && spec.isRegistrar(call.callee()) && namesAny(call.argsText(), unvouched)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Whether a function {@code contexts} reach outside {@code touched} calls one of {@code unvouched} by name. */
    static boolean calledByReached(Set<String> unvouched, Contexts contexts, Set<String> touched) {
        if (unvouched.isEmpty()) {
            return false;
        }
        CodeModel model = contexts.model();
        for (int id = 0; id < model.nodeCount(); id++) {
            if (!(contexts.inNmi(id) || contexts.inNotWatching(id) || contexts.inHotPath(id))) {
                continue;
            }
            Node node = model.node(id);
            if (touched.contains(node.file()) || node.function().isEmpty()) {
                continue;
            }
            for (CallSite call : node.function().get().calls()) {
                if (unvouched.contains(call.callee())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether a call, registration or store of {@code name} may stand for a tracepoint rather than
     * resolve to a definition of the name: {@code trace_<tp>} and {@code trace_<tp>_rcuidle} of a
     * tracepoint of {@code declared} (ModelBuilder makes such a call an edge to the tracepoint,
     * and names the tracepoint's node so), a {@code __tracepoint_*} name (the tracepoint's own
     * object, which registrations name), or a name a probe template generates
     * ({@code trace_event_raw_event_<class>}, {@code perf_trace_<class>}). Any other
     * {@code trace_*} name is resolved as every other name.
     */
    static boolean mayStandForTracepoint(String name, Set<String> declared, ContextSpec spec) {
        if (name.startsWith("__tracepoint_")) {
            return true;
        }
        for (ContextSpec.ProbeTemplate template : spec.probeTemplates()) {
            if (name.startsWith(template.generatedPrefix())) {
                return true;
            }
        }
        return declared.contains(ModelBuilder.tracepointCalled(name));
    }

    /**
     * Whether no code a context of the tree reaches can come to resolve a call, registration or
     * store to a definition of a name: none of the slice's functions calls it (the slice holds
     * every reached function, and a probe's template), no registering call or linking store in
     * the slice names it (the slice holds them all), and it is not a name the machinery looks up
     * or one that may stand for a tracepoint of {@code declared} (the tree's). Then a definition
     * of it added or taken away where nothing reaches changes no context. The slice's names are
     * gathered on the first question.
     */
    static Predicate<String> unseenBy(ContextSlice slice, ContextSpec spec, Set<String> declared) {
        return new Predicate<>() {
            private Set<String> seen;

            @Override
            public boolean test(String name) {
                if (seen == null) {
                    seen = seenBy(slice, spec);
                }
                return !seen.contains(name) && !mayStandForTracepoint(name, declared, spec);
            }
        };
    }

    /** The names of {@link #unseenBy}'s first three conditions: called, registered, stored, or the machinery's. */
    private static Set<String> seenBy(ContextSlice slice, ContextSpec spec) {
        Set<String> out = new HashSet<>(ContextSlice.machineryNames(spec));
        for (FileFacts f : slice.facts()) {
            for (FieldStore store : f.fieldStores()) {
                if (spec.linksCallback(store.field(), f.path())) {
                    identifiers(store.value(), out);
                }
            }
            for (FunctionDef fn : f.functions()) {
                for (CallSite call : fn.calls()) {
                    if (call.indirect()) {
                        continue;
                    }
                    out.add(call.callee());
                    if (spec.isRegistrar(call.callee())) {
                        identifiers(call.argsText(), out);
                    }
                }
            }
        }
        return out;
    }

    /** Adds each identifier of {@code text} to {@code out}. */
    private static void identifiers(String text, Set<String> out) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (Character.isJavaIdentifierStart(text.charAt(i))) {
                int start = i;
                while (i < n && Character.isJavaIdentifierPart(text.charAt(i))) {
                    i++;
                }
                out.add(text.substring(start, i));
            } else {
                i++;
            }
        }
    }

    /** Whether an identifier of {@code text} is one of {@code names}. */
    private static boolean namesAny(String text, Set<String> names) {
        Set<String> found = new HashSet<>();
        identifiers(text, found);
        return !Collections.disjoint(found, names);
    }
}
