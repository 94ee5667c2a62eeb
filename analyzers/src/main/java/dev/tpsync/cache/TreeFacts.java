package dev.tpsync.cache;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.source.ParallelParser;
import dev.tpsync.source.SourceTree;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
        return prepare(tree, cache).load(paths, jobs, progress);
    }

    /**
     * Starts reading the cache's index of {@code tree} on a thread of its own, so that it
     * overlaps with listing the tree: on the 6.1 kernel the index is 160 MB, and reading it
     * after the listing kept both cores waiting.
     */
    public static Prepared prepare(SourceTree tree, Optional<FactCache> cache) {
        Optional<CompletableFuture<CachedFactsSource>> source = cache.map(c -> CompletableFuture.supplyAsync(
            () -> CachedFactsSource.open(tree, c), TreeFacts::onOwnThread));
        return new Prepared(tree, source);
    }

    private static void onOwnThread(Runnable task) {
        Thread t = new Thread(task, "tpsync-index-read");
        t.setDaemon(true);
        t.start();
    }

    /** A tree whose cache index is being read; {@link #load} takes the listed paths. */
    public static final class Prepared {
        private final SourceTree tree;
        private final Optional<CompletableFuture<CachedFactsSource>> source;

        private Prepared(SourceTree tree, Optional<CompletableFuture<CachedFactsSource>> source) {
            this.tree = tree;
            this.source = source;
        }

        /** Facts of {@code paths} (relative to the tree), in the same order. */
        public Loaded load(List<String> paths, int jobs, IntConsumer progress) {
            ParallelParser parser = new ParallelParser(jobs);
            if (source.isEmpty()) {
                return new Loaded(parser.parseAll(paths, ParallelParser.fromDisk(tree), progress), Optional.empty());
            }
            CachedFactsSource opened;
            try {
                opened = source.get().join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw e;
            }
            List<FileFacts> facts = parser.parseAll(paths, opened, progress);
            opened.finish();
            return new Loaded(facts, opened.treeKey(paths));
        }
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
