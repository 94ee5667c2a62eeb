package dev.tpsync.review;

import dev.tpsync.c.structure.CallSite;
import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.FunctionDef;
import dev.tpsync.c.structure.TracepointDecl;
import dev.tpsync.model.ContextSlice;
import dev.tpsync.model.ContextSpec;
import dev.tpsync.model.ModelBuilder;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The tracepoints an edit of one file declares anew, stops declaring, or declares otherwise (in
 * another event class, with another macro), and whether a slice makes the same edges for them
 * as the tree.
 *
 * <p>A tracepoint's edges are its calls ({@code trace_<tp>()}, resolved from callers the slice
 * holds when they are reached), its generated probes (one per event class and probe template,
 * all of which a slice holds) and the probes registered for it. Only the last can differ: a
 * registration for a tracepoint that was not declared made no edge, so the slice need not hold
 * what it names. So a change of declarations is judged on a slice when every registration for
 * a changed tracepoint is in a touched file and names what the slice resolves as the tree does:
 * a name reached code calls (all its definitions are in the slice) or one the file defines
 * outside {@code #if}. A tracepoint that only moved is not a change.
 */
final class TracepointChanges {

    private TracepointChanges() {
    }

    /** The names of the tracepoints declared differently in {@code after} than in {@code before}, lines aside. */
    static Set<String> between(FileFacts before, FileFacts after) {
        Set<String> was = declarations(before);
        Set<String> is = declarations(after);
        Set<String> either = new HashSet<>(was);
        either.addAll(is);
        Set<String> out = new HashSet<>();
        for (String decl : either) {
            if (!(was.contains(decl) && is.contains(decl))) {
                out.add(decl.substring(0, decl.indexOf('\0')));
            }
        }
        return out;
    }

    private static Set<String> declarations(FileFacts f) {
        Set<String> out = new HashSet<>();
        for (TracepointDecl tp : f.tracepoints()) {
            out.add(tp.name() + "\0" + tp.eventClass() + "\0" + tp.macro());
        }
        return out;
    }

    /**
     * Whether every registration for one of {@code changed} is in one of {@code touched} (the
     * files after the change, whole) and names what the slice vouches for; {@code untouched} are
     * the slice's other files.
     */
    static boolean vouchedFor(Set<String> changed, Collection<FileFacts> untouched, Collection<FileFacts> touched,
                              ContextSlice slice, ContextSpec spec) {
        if (changed.isEmpty()) {
            return true;
        }
        for (FileFacts f : untouched) {
            for (FunctionDef fn : f.functions()) {
                for (CallSite c : fn.calls()) {
                    if (!c.indirect() && changed.contains(registeredTracepoint(c, spec))) {
                        return false;
                    }
                }
            }
        }
        for (FileFacts f : touched) {
            Set<String> own = ModelBuilder.unconditionalNames(f);
            for (FunctionDef fn : f.functions()) {
                for (CallSite c : fn.calls()) {
                    if (c.indirect() || !changed.contains(registeredTracepoint(c, spec))) {
                        continue;
                    }
                    for (ContextSpec.CallbackRegistration r : spec.callbackRegistrations()) {
                        String name = r.isMadeBy(c.callee()) ? ModelBuilder.identifierOf(c.arg(r.functionArgument())) : "";
                        if (!name.isEmpty() && !slice.reachedCallees().contains(name) && !own.contains(name)) {
                            return false;
                        }
                    }
                }
            }
        }
        return true;
    }

    /**
     * The tracepoint {@code call} registers a probe for ({@code register_trace_<tp>(...)},
     * {@code tracepoint_probe_register(&__tracepoint_<tp>, ...)}), or "".
     */
    static String registeredTracepoint(CallSite call, ContextSpec spec) {
        for (ContextSpec.CallbackRegistration r : spec.callbackRegistrations()) {
            if (r.isMadeBy(call.callee()) && r.invokedFrom().isEmpty()) {
                return ModelBuilder.registeredTracepoint(r, call);
            }
        }
        return "";
    }

    /** The names of the tracepoints {@code files} declare. */
    static Set<String> declaredIn(Collection<FileFacts> files) {
        Set<String> out = new HashSet<>();
        files.forEach(f -> f.tracepoints().forEach(tp -> out.add(tp.name())));
        return out;
    }
}
