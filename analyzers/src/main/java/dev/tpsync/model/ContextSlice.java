package dev.tpsync.model;

import dev.tpsync.c.structure.CallSite;
import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.FunctionDef;
import dev.tpsync.c.structure.SyncEvent;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The files of a tree whose model gives every context of the whole tree: what review needs to
 * judge a change to code a context reaches without loading the tree. On 6.1 it is 5,094 of
 * 55,418 files; their model reproduces the reached functions and every evidence chain of the
 * whole tree's searches (benchmarks/README.md, section 5).
 *
 * <p>Why: the searches start at seeds and follow out-edges. The slice holds every reached
 * node's file; the target and the making place (the call, the registration, the store) of every
 * out-edge of a reached node; every file that defines a name a reached function calls, so that
 * resolution in the slice chooses among the same candidates as in the tree; the making place of
 * every indirect edge and its target (registrations and linked stores: callback and probe edges
 * start wherever a function is registered); the files whose functions seed a context (idle, NMI and
 * RCU-watching events, rcuidle tracepoints); and the reference files ({@link ContextSummary}).
 * Review still checks both claims each time it uses a slice: the slice's base model must reach
 * what the {@link ContextSummary} says the tree reaches, and a function a change makes reached
 * may only call names that reached functions already call ({@link #reachedCallees}) or that its
 * own file defines; otherwise the change is judged on the whole tree.
 *
 * @param files          the slice's files by path, with their git blob ids
 * @param reachedCallees every name a reached function calls by name
 */
public record ContextSlice(SortedMap<String, String> files, SortedSet<String> reachedCallees) {


    public ContextSlice {
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
        reachedCallees = Collections.unmodifiableSortedSet(new TreeSet<>(reachedCallees));
    }

    /**
     * The slice of the tree {@code contexts} were computed on, with each file's blob id from
     * {@code blobIdOf}; empty when a file of the slice has none (a tree not in git).
     */
    public static Optional<ContextSlice> of(Contexts contexts, Function<String, Optional<String>> blobIdOf) {
        CodeModel model = contexts.model();
        TreeSet<String> paths = new TreeSet<>();
        TreeSet<String> callees = new TreeSet<>();
        for (int id = 0; id < model.nodeCount(); id++) {
            boolean reached = contexts.inNmi(id) || contexts.inNotWatching(id) || contexts.inHotPath(id);
            // Edge by edge through the arrays: a kernel has ~3M edges, and a list per node costs.
            for (int e = model.outStart(id); e < model.outEnd(id); e++) {
                // Indirect edges (probes, callbacks) are kept whole wherever they are: a change
                // that makes their source reached must find them in the slice.
                if (reached || model.edgeKind(e).isIndirect()) {
                    paths.add(model.node(model.edgeTarget(e)).file());
                    String madeIn = model.edgeFile(e);
                    if (madeIn != null) {
                        paths.add(madeIn);
                    }
                }
            }
            if (!reached) {
                continue;
            }
            Node node = model.node(id);
            paths.add(node.file());
            if (node.function().isEmpty()) {
                continue;
            }
            for (CallSite call : node.function().get().calls()) {
                if (!call.indirect()) {
                    callees.add(call.callee());
                    model.named(call.callee()).forEach(definition -> paths.add(definition.file()));
                }
            }
        }
        for (FileFacts f : model.files()) {
            if (ContextSummary.isReference(f) || seeds(f)) {
                paths.add(f.path());
            }
        }
        TreeMap<String, String> files = new TreeMap<>();
        for (String path : paths) {
            Optional<String> blob = blobIdOf.apply(path);
            if (blob.isEmpty()) {
                return Optional.empty();
            }
            files.put(path, blob.get());
        }
        return Optional.of(new ContextSlice(files, callees));
    }

    /** Whether a function of {@code f} starts a context: an idle, NMI or RCU-watching event, an rcuidle tracepoint. */
    static boolean seeds(FileFacts f) {
        for (FunctionDef fn : f.functions()) {
            for (SyncEvent e : fn.events()) {
                if (ContextSummary.seeds(e)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The slice of the tree after a change judged on this one (which keeps every definition of
     * its files, and whose newly reached functions call only names of {@link #reachedCallees} or
     * of their own file): the same files, the touched ones with their new blob ids. The callee
     * names stay: each still has all its definitions in the slice, which is what review relies on.
     */
    public ContextSlice after(Map<String, String> newBlobIds) {
        TreeMap<String, String> files = new TreeMap<>(this.files);
        files.putAll(newBlobIds);
        return new ContextSlice(files, reachedCallees);
    }
}
