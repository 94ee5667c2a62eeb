package dev.tpsync.cache;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.source.ParallelParser;
import dev.tpsync.source.SourceTree;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;

/** The one call the commands make to get a tree's facts, through the cache or not ({@code --no-cache}). */
public final class TreeFacts {

    private TreeFacts() {
    }

    /** Facts of {@code paths} (relative to the tree), in the same order; with no cache nothing is read or written. */
    public static List<FileFacts> load(SourceTree tree, List<String> paths, int jobs, Optional<FactCache> cache,
                                       IntConsumer progress) {
        return loadKeyed(tree, paths, jobs, cache, progress).facts();
    }

    /**
     * The facts of {@code paths}, with a key for their content when they came through the
     * cache (for {@link ModelCache}); with no cache, no key.
     */
    public static Loaded loadKeyed(SourceTree tree, List<String> paths, int jobs, Optional<FactCache> cache,
                                   IntConsumer progress) {
        ParallelParser parser = new ParallelParser(jobs);
        if (cache.isEmpty()) {
            return new Loaded(parser.parseAll(paths, ParallelParser.fromDisk(tree), progress), Optional.empty());
        }
        CachedFactsSource source = CachedFactsSource.open(tree, cache.get());
        List<FileFacts> facts = parser.parseAll(paths, source, progress);
        source.finish();
        return new Loaded(facts, source.treeKey(paths));
    }

    /**
     * Facts of a tree's files and, when known, a key naming their content.
     *
     * @param treeKey a hash of every path and its blob id (see CachedFactsSource.treeKey)
     */
    public record Loaded(List<FileFacts> facts, Optional<String> treeKey) {
    }

    /** All source files of the tree, in path order. */
    public static List<FileFacts> load(SourceTree tree, int jobs, Optional<FactCache> cache) {
        return load(tree, tree.sourceFiles(), jobs, cache, done -> { });
    }
}
