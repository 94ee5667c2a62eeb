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
        ParallelParser parser = new ParallelParser(jobs);
        if (cache.isEmpty()) {
            return parser.parseAll(paths, ParallelParser.fromDisk(tree), progress);
        }
        CachedFactsSource source = CachedFactsSource.open(tree, cache.get());
        List<FileFacts> facts = parser.parseAll(paths, source, progress);
        source.finish();
        return facts;
    }

    /** All source files of the tree, in path order. */
    public static List<FileFacts> load(SourceTree tree, int jobs, Optional<FactCache> cache) {
        return load(tree, tree.sourceFiles(), jobs, cache, done -> { });
    }
}
