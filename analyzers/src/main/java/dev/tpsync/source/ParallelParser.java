package dev.tpsync.source;

import dev.tpsync.c.Diagnostic;
import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.ParseWorkspace;
import dev.tpsync.c.structure.StructureParser;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Runs the pure per-file work (read, lex, structure) on a bounded pool of {@code jobs}
 * threads and returns the results in input order, so output never depends on scheduling.
 */
public final class ParallelParser {

    /**
     * Where a file's facts come from: the cache, or reading and parsing it. {@code workspace}
     * is the calling thread's scratch memory for reading and parsing.
     */
    @FunctionalInterface
    public interface FactsSource {
        FileFacts facts(String path, ParseWorkspace workspace) throws Exception;
    }

    private final int jobs;
    /** One workspace per pool thread; the pool and its threads live for one parseAll. */
    private final ThreadLocal<ParseWorkspace> workspaces = ThreadLocal.withInitial(ParseWorkspace::new);

    public ParallelParser(int jobs) {
        this.jobs = Math.max(1, jobs);
    }

    /** Parses {@code paths} with {@code source}; {@code progress} is told how many files are done. */
    public List<FileFacts> parseAll(List<String> paths, FactsSource source, IntConsumer progress) {
        if (jobs == 1 || paths.size() < 64) {
            List<FileFacts> out = new ArrayList<>(paths.size());
            ParseWorkspace workspace = new ParseWorkspace();
            for (int i = 0; i < paths.size(); i++) {
                out.add(safely(paths.get(i), source, workspace));
                progress.accept(i + 1);
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(jobs, runnable -> {
            Thread t = new Thread(runnable, "tpsync-parse");
            t.setDaemon(true);
            return t;
        });
        try {
            // Chunks keep the queue short and the per-task overhead low on 60k-file trees.
            int chunk = Math.max(16, paths.size() / (jobs * 64));
            List<Future<List<FileFacts>>> futures = new ArrayList<>();
            for (int start = 0; start < paths.size(); start += chunk) {
                List<String> slice = paths.subList(start, Math.min(paths.size(), start + chunk));
                futures.add(pool.submit(() -> {
                    List<FileFacts> part = new ArrayList<>(slice.size());
                    ParseWorkspace workspace = workspaces.get();
                    for (String p : slice) {
                        part.add(safely(p, source, workspace));
                    }
                    return part;
                }));
            }
            List<FileFacts> out = new ArrayList<>(paths.size());
            for (Future<List<FileFacts>> f : futures) {
                out.addAll(f.get());
                progress.accept(out.size());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while parsing", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("parsing failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** One unreadable or pathological file never stops a tree scan: it becomes a diagnostic. */
    private static FileFacts safely(String path, FactsSource source, ParseWorkspace workspace) {
        try {
            return source.facts(path, workspace);
        } catch (Exception | StackOverflowError e) {
            return new FileFacts(path, 0, List.of(), List.of(), List.of(),
                List.of(new Diagnostic(path, 1, "not analysed: " + e)));
        }
    }

    /** The plain source: read the file from disk and parse it. */
    public static FactsSource fromDisk(SourceTree tree) {
        return (path, workspace) -> {
            workspace.read(tree.resolve(path));
            return StructureParser.parse(path, workspace);
        };
    }
}
