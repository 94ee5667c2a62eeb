package dev.tpsync.cli.options;

import dev.tpsync.cache.FactCache;
import dev.tpsync.input.InputException;
import dev.tpsync.source.SourceTree;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options that shape how a tree is analysed: parallelism and the fact cache. */
public final class AnalysisOptions {

    @Option(names = "--jobs", paramLabel = "N", description = "parallel jobs (default: number of cores)")
    Integer jobs;

    @Option(names = "--no-cache", description = "do not read or write the fact cache")
    boolean noCache;

    @Option(names = {"-v", "--verbose"}, description = "more detail, and stack traces on errors")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, description = "no progress or notes on stderr")
    boolean quiet;

    public int jobs() {
        if (jobs != null && jobs < 1) {
            throw new InputException("--jobs " + jobs + ": give 1 or more (the default is the number of cores, "
                + Runtime.getRuntime().availableProcessors() + " here)");
        }
        return jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
    }

    public boolean useCache() {
        return !noCache;
    }

    /** The tree's fact cache, or none with {@code --no-cache}: then nothing is read or written. */
    public Optional<FactCache> cache(SourceTree tree) {
        return useCache() ? Optional.of(FactCache.forTree(tree.root())) : Optional.empty();
    }

    public boolean verbose() {
        return verbose;
    }

    public boolean quiet() {
        return quiet;
    }
}
