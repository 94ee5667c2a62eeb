package dev.tpsync.cli.options;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.cache.FactCache;
import dev.tpsync.cache.ModelCache;
import dev.tpsync.cache.TreeFacts;
import dev.tpsync.model.CodeModel;
import dev.tpsync.model.ContextSpec;
import dev.tpsync.model.Contexts;
import dev.tpsync.model.ModelBuilder;
import dev.tpsync.source.SourceTree;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

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
        return loaded(tree, options.cache(tree)).facts();
    }

    private TreeFacts.Loaded loaded(SourceTree tree, Optional<FactCache> cache) {
        List<String> files = timer.time("list", tree::sourceFiles);
        Progress progress = options.quiet() ? Progress.none() : Progress.forStderr(err, "parsing", files.size());
        TreeFacts.Loaded loaded = timer.time("facts",
            () -> TreeFacts.loadKeyed(tree, files, options.jobs(), cache, progress::update));
        progress.done();
        return loaded;
    }

    /**
     * The model of the tree at {@code dir}: its call graph from the model cache when the cache
     * has seen these exact files (and this spec), built otherwise (and then kept).
     */
    public CodeModel model(Path dir, ContextSpec spec) {
        SourceTree tree = SourceTree.open(dir);
        Optional<FactCache> cache = options.cache(tree);
        TreeFacts.Loaded loaded = loaded(tree, cache);
        return timer.time("model", () -> cache.isPresent() && loaded.treeKey().isPresent()
            ? ModelCache.of(cache.get()).modelOf(loaded.treeKey().get(), loaded.facts(), spec, options.jobs())
            : ModelBuilder.build(loaded.facts(), spec, options.jobs()));
    }

    public Contexts contexts(Path dir, ContextSpec spec) {
        CodeModel model = model(dir, spec);
        return timer.time("contexts", () -> Contexts.compute(model));
    }
}
