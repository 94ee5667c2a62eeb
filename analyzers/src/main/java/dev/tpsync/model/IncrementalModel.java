package dev.tpsync.model;

import dev.tpsync.c.structure.FileFacts;
import java.util.List;
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

    IncrementalModel(CodeModel model, CallEdgeLog log, Set<String> namesInLocalHeaders, int copiedFunctions) {
        this.model = model;
        this.log = log;
        this.namesInLocalHeaders = namesInLocalHeaders;
        this.copiedFunctions = copiedFunctions;
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

    /** Names with a definition in a header outside include/ (see ModelBuilder's local-header scoping). */
    Set<String> namesInLocalHeaders() {
        return namesInLocalHeaders;
    }
}
