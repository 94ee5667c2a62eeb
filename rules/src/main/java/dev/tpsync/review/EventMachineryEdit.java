package dev.tpsync.review;

import dev.tpsync.c.structure.CallSite;
import dev.tpsync.c.structure.FieldStore;
import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.FunctionDef;
import dev.tpsync.model.ContextSlice;
import dev.tpsync.model.ContextSpec;
import java.util.List;

/**
 * Whether an edit of a file of the trace event machinery (include/trace/ outside the event
 * headers of include/trace/events/: trace_events.h, perf.h, bpf_probe.h, define_trace.h, the
 * stages) may be judged on a slice of the tree.
 *
 * <p>Those files hold the probe templates: {@code DECLARE_EVENT_CLASS} bodies that define
 * {@code trace_event_raw_event_##call} and {@code perf_trace_##call}, and {@code __BPF_DECLARE_TRACE}.
 * A template's code runs as one generated probe per event class of every tracepoint declared.
 * Every slice holds every definition of every template (they are machinery, looked up by name),
 * and the probes of every tracepoint a context reaches; it lacks the probes of the others, which
 * stay unreached whatever their template calls. So an edit of a template reaches only probes the
 * slice has, and its calls are checked as a touched function's (the review checks a generated
 * probe through its template's calls) unless the template does what a probe does whether or
 * not it is reached:
 *
 * <ul>
 *   <li>start a context (an idle, NMI or RCU-watching event, an rcuidle tracepoint, a region
 *       marker): every probe of the tree would be a context's start, most of them outside the
 *       slice;</li>
 *   <li>register a callback or store one where the spec links it to a caller: an edge made once
 *       per probe, reached or not (the kernel's templates do neither: kept out, not reasoned about).</li>
 * </ul>
 *
 * Everything else such an edit does is what an edit of any header does: the names it defines
 * anew ({@link Redefinitions}), the tracepoints it declares ({@link TracepointChanges}), the
 * calls of the functions and macros it changes where they are reached.
 */
final class EventMachineryEdit {

    private EventMachineryEdit() {
    }

    /** Whether {@code path} is a file of the trace event machinery, as described above. */
    static boolean isMachinery(String path) {
        return path.startsWith("include/trace/") && !path.startsWith("include/trace/events/");
    }

    /**
     * Whether the edit {@code before} to {@code after} of one file may be judged on a slice: any
     * file but one of the machinery whose probe templates, before or after, start a context or
     * link a callback.
     */
    static boolean sliceMayJudge(FileFacts before, FileFacts after, ContextSpec spec) {
        if (!isMachinery(before.path())) {
            return true;
        }
        for (FileFacts f : List.of(before, after)) {
            for (FunctionDef fn : f.functions()) {
                if (isTemplate(fn, spec) && (ContextSlice.seeds(fn, spec) || links(fn, f, spec))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isTemplate(FunctionDef fn, ContextSpec spec) {
        return spec.probeTemplates().stream().anyMatch(t -> t.isDefinedBy(fn));
    }

    /** Whether {@code fn} registers a callback or probe, or stores a function where a caller is linked to it. */
    private static boolean links(FunctionDef fn, FileFacts file, ContextSpec spec) {
        for (CallSite c : fn.calls()) {
            if (!c.indirect() && spec.isRegistrar(c.callee())) {
                return true;
            }
        }
        for (FieldStore store : file.fieldStores()) {
            if (store.function().equals(fn.name()) && spec.linksCallback(store.field(), file.path())) {
                return true;
            }
        }
        return false;
    }
}
