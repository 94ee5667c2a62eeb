package dev.tpsync.review;

import dev.tpsync.c.structure.CallSite;
import dev.tpsync.c.structure.FieldStore;
import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.FunctionDef;
import dev.tpsync.model.ContextSlice;
import dev.tpsync.model.ContextSpec;
import dev.tpsync.model.ModelBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The probes and callbacks an edit of one file registers anew ({@code register_trace_foo(probe,
 * data)}, {@code register_nmi_handler(type, fn, ...)}) and the functions it stores anew in a
 * member the spec links to its invoker ({@code .handle_irq = fn}), by the name each resolves.
 *
 * <p>Such an edge starts at a node every slice holds (a declared tracepoint, a named invoker)
 * and ends at every definition the name resolves to from the file. A slice model makes the same
 * edge as the tree when it holds every definition that resolution picks: when the name is one
 * of {@link ContextSlice#reachedCallees} (all its definitions are there), or the file defines it
 * outside any {@code #if} (a name resolves to its own file's definition first, and the touched
 * file is whole in the slice). A function such an edge makes reached is then checked like every
 * function a change makes reached. Registrations and stores an edit takes away only take edges
 * away, and those the slice already holds.
 */
final class AddedLinks {

    private AddedLinks() {
    }

    /** Whether every registration and linking store {@code after} has and {@code before} had not names what the slice vouches for. */
    static boolean vouchedFor(FileFacts before, FileFacts after, ContextSlice slice, ContextSpec spec) {
        Set<String> own = ModelBuilder.unconditionalNames(after);
        for (String name : names(before, after, spec)) {
            if (!slice.reachedCallees().contains(name) && !own.contains(name)) {
                return false;
            }
        }
        return true;
    }

    /** The names the registrations and linking stores of {@code after} that {@code before} had not resolve. */
    static Set<String> names(FileFacts before, FileFacts after, ContextSpec spec) {
        Map<String, Integer> had = new HashMap<>();
        of(before, spec).forEach(e -> had.merge(e.getKey(), 1, Integer::sum));
        Set<String> out = new HashSet<>();
        for (Map.Entry<String, String> e : of(after, spec)) {
            if (had.merge(e.getKey(), -1, Integer::sum) < 0 && !e.getValue().isEmpty()) {
                out.add(e.getValue());
            }
        }
        return out;
    }

    /**
     * Each registering call and linking store of {@code f} (the function it is in, what it calls
     * or stores, where not) with the name it registers or stores, in order; a key may repeat.
     * Without lines: a registration or store makes edges elsewhere (from a tracepoint or a
     * member's invoker to the function it names), and where it sits only numbers those edges'
     * evidence, which no finding's fingerprint or severity reads (an edit above a store in
     * kernel/events/core.c used to send the whole change the long way).
     */
    static List<Map.Entry<String, String>> of(FileFacts f, ContextSpec spec) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (FunctionDef fn : f.functions()) {
            for (CallSite c : fn.calls()) {
                if (c.indirect()) {
                    continue;
                }
                for (ContextSpec.CallbackRegistration r : spec.callbackRegistrations()) {
                    if (r.isMadeBy(c.callee())) {
                        out.add(Map.entry(fn.name() + "\0" + c.callee() + "\0" + c.argsText(),
                            ModelBuilder.identifierOf(c.arg(r.functionArgument()))));
                    }
                }
            }
        }
        for (FieldStore s : f.fieldStores()) {
            if (spec.linksCallback(s.field(), f.path())) {
                out.add(Map.entry(s.function() + "\0." + s.field() + "\0" + s.value(),
                    ModelBuilder.identifierOf(s.value())));
            }
        }
        return out;
    }
}
