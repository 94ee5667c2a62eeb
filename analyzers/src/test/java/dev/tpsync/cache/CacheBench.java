package dev.tpsync.cache;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.source.ParallelParser;
import dev.tpsync.source.SourceTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Whole-tree cache timings for benchmarks/cache.md; not a test. Run one mode per JVM:
 * {@code java -cp ... dev.tpsync.cache.CacheBench TREE CACHE_DIR MODE [JOBS]} with MODE one of
 * nocache, cold, warm, loose-fill, loose-warm.
 */
public final class CacheBench {

    public static void main(String[] args) throws Exception {
        SourceTree tree = SourceTree.open(Path.of(args[0]));
        FactCache cache = FactCache.open(Path.of(args[1]));
        String mode = args[2];
        int jobs = args.length > 3 ? Integer.parseInt(args[3]) : Runtime.getRuntime().availableProcessors();
        long t0 = System.nanoTime();
        List<String> paths = tree.sourceFiles();
        long t1 = System.nanoTime();
        List<FileFacts> facts;
        String detail = "";
        switch (mode) {
            case "nocache" -> facts = TreeFacts.load(tree, paths, jobs, Optional.empty(), n -> { });
            case "cold", "warm" -> {
                if (mode.equals("cold")) {
                    cache.clear();
                }
                CachedFactsSource source = CachedFactsSource.open(tree, cache);
                long t2 = System.nanoTime();
                facts = new ParallelParser(jobs).parseAll(paths, source, n -> { });
                long t3 = System.nanoTime();
                source.finish();
                long t4 = System.nanoTime();
                detail = String.format("index read %d ms, facts %d ms, finish %d ms; %s", ms(t2 - t1), ms(t3 - t2),
                    ms(t4 - t3), source.counts());
            }
            case "loose-fill" -> {
                // What writing one small file per entry costs: the tree index's payloads, re-framed.
                TreeIndex index = TreeIndex.read(cache.treeIndexFile(tree.root()), cache.version());
                facts = new ParallelParser(jobs).parseAll(paths, (p, workspace) -> {
                    TreeIndex.Entry e = index.get(p).orElseThrow();
                    cache.putPayload(e.blobId(), p, e.bytes());
                    return FileFacts.empty(p);
                }, n -> { });
            }
            case "loose-warm" -> {
                // The alternative to the packed index: stat, then one small file per entry. Keyed by
                // the blob id recorded in the tree index (a warm run does not hash).
                TreeIndex index = TreeIndex.read(cache.treeIndexFile(tree.root()), cache.version());
                facts = new ParallelParser(jobs).parseAll(paths, (p, workspace) -> {
                    BasicFileAttributes a = Files.readAttributes(tree.resolve(p), BasicFileAttributes.class);
                    a.lastModifiedTime().to(TimeUnit.NANOSECONDS);
                    return cache.get(index.get(p).orElseThrow().blobId(), p).orElseThrow();
                }, n -> { });
            }
            default -> throw new IllegalArgumentException(mode);
        }
        long end = System.nanoTime();
        long functions = facts.stream().mapToLong(f -> f.functions().size()).sum();
        long calls = facts.stream().flatMap(f -> f.functions().stream()).mapToLong(f -> f.calls().size()).sum();
        FactCache.Stats stats = cache.stats();
        System.out.printf("%s jobs=%d files=%d functions=%d calls=%d list %d ms, total %d ms; %s; cache %d entries,"
                + " %d tree indexes, %.1f MB%n", mode, jobs, facts.size(), functions, calls, ms(t1 - t0), ms(end - t0),
            detail, stats.entries(), stats.treeIndexes(), stats.bytes() / 1e6);
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
