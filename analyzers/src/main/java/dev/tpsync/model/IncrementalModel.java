package dev.tpsync.model;

import dev.tpsync.c.structure.FileFacts;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A code model that can be rebuilt cheaply after a patch: review builds the base tree's model
 * once and, for every patch, a model of the tree after it. Most of a kernel model is the
 * resolution of millions of call sites; a patch changes the facts of a few files, so only the
 * calls of those files, and the calls elsewhere of names they define, are resolved again. Node
 * ids are kept from one model to the next (changed definitions get new ids at the end), so a
 * rebuild copies arrays instead of making a million nodes. The result has the nodes and edges
 * {@link ModelBuilder#build} gives for the same files, numbered differently; tests compare the
 * two, and the contexts computed on them.
 */
public final class IncrementalModel {

    private final CodeModel model;
    private final CallEdgeLog log;
    private final Set<String> namesInLocalHeaders;
    private final int copiedFunctions;
    private final CallbackStores callbackStores;
    private final Map<String, Node> tracepointNodes;

    IncrementalModel(CodeModel model, CallEdgeLog log, Set<String> namesInLocalHeaders, int copiedFunctions,
                     CallbackStores callbackStores, Map<String, Node> tracepointNodes) {
        this.model = model;
        this.log = log;
        this.namesInLocalHeaders = namesInLocalHeaders;
        this.copiedFunctions = copiedFunctions;
        this.callbackStores = callbackStores;
        // A copy in the builder's order: Map.copyOf would iterate in an order that changes from run to run.
        this.tracepointNodes = Collections.unmodifiableMap(new LinkedHashMap<>(tracepointNodes));
    }

    /** The model of {@code files}, built from scratch on {@code jobs} threads. */
    public static IncrementalModel build(List<FileFacts> files, ContextSpec spec, int jobs) {
        return ModelBuilder.buildIncremental(files, spec, jobs);
    }

    /**
     * The model of {@code files}. Files whose facts are the very objects this model was built
     * from count as unchanged; any other file (re-parsed, added, or gone) as changed.
     */
    public IncrementalModel rebuild(List<FileFacts> files, int jobs) {
        return ModelBuilder.rebuild(this, files, jobs);
    }

    public CodeModel model() {
        return model;
    }

    /** The graph for the model cache, with what a rebuild of a model restored from it reuses. */
    public ModelEdges cacheableEdges() {
        ModelEdges e = model.edges();
        return new ModelEdges(e.nodeCount(), e.nodeSignature(), e.outStart(), e.edgeTo(), e.edgeLine(), e.edgeKind(),
            e.edgeFile(), e.edgeFiles(), e.unknownIndirect(), ModelBuilder.rebuildLogOf(this));
    }

    /** How many functions' calls this build copied from the previous model instead of resolving them. */
    public int copiedFunctions() {
        return copiedFunctions;
    }

    CallEdgeLog log() {
        return log;
    }

    /** The stores that link callbacks, for a rebuild to carry over. */
    CallbackStores callbackStores() {
        return callbackStores;
    }

    /** The node of each declared tracepoint, by tracepoint name. */
    Map<String, Node> tracepointNodes() {
        return tracepointNodes;
    }

    /** Names with a definition in a header outside include/ (see ModelBuilder's local-header scoping). */
    Set<String> namesInLocalHeaders() {
        return namesInLocalHeaders;
    }
}
