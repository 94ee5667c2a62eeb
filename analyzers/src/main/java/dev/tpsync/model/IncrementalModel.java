package dev.tpsync.model;

import dev.tpsync.c.structure.FileFacts;
import java.util.List;

/**
 * A code model that can be rebuilt cheaply after a patch: review builds the base tree's model
 * once and, for every patch, a model of the tree after it. Most of a kernel model is the
 * resolution of millions of call sites; a patch changes the facts of a few files, so only the
 * calls of those files, and the calls elsewhere of names they define, are resolved again. The
 * result is the same model {@link ModelBuilder#build} gives for the same files (tests compare
 * the two, node for node and edge for edge).
 */
public final class IncrementalModel {

    private final CodeModel model;
    private final CallEdgeLog log;
    private final int copiedFunctions;

    IncrementalModel(CodeModel model, CallEdgeLog log, int copiedFunctions) {
        this.model = model;
        this.log = log;
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

    /** How many functions' calls this build copied from the previous model instead of resolving them. */
    public int copiedFunctions() {
        return copiedFunctions;
    }

    CallEdgeLog log() {
        return log;
    }
}
