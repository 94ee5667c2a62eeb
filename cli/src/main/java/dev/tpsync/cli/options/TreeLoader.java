package dev.tpsync.cli.options;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.cache.TreeFacts;
import dev.tpsync.model.CodeModel;
import dev.tpsync.model.ContextSpec;
import dev.tpsync.model.Contexts;
import dev.tpsync.model.ModelBuilder;
import dev.tpsync.source.SourceTree;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** Loads a tree into the model for a command: parse (with progress), build, compute contexts. */
public final class TreeLoader {

    private final AnalysisOptions options;
    private final PrintWriter err;
    private final PhaseTimer timer;

    public TreeLoader(AnalysisOptions options, PrintWriter err) {
        this.options = options;
        this.err = err;
        this.timer = new PhaseTimer(err, options.verbose());
    }

    public PhaseTimer timer() {
        return timer;
    }

    public List<FileFacts> facts(SourceTree tree) {
        List<String> files = timer.time("list", tree::sourceFiles);
        Progress progress = options.quiet() ? Progress.none() : Progress.forStderr(err, "parsing", files.size());
        List<FileFacts> facts = timer.time("facts",
            () -> TreeFacts.load(tree, files, options.jobs(), options.cache(tree), progress::update));
        progress.done();
        return facts;
    }

    public CodeModel model(Path dir, ContextSpec spec) {
        List<FileFacts> facts = facts(SourceTree.open(dir));
        return timer.time("model", () -> ModelBuilder.build(facts, spec));
    }

    public Contexts contexts(Path dir) {
        CodeModel model = model(dir, ContextSpec.kernelDefaults());
        return timer.time("contexts", () -> Contexts.compute(model));
    }
}
