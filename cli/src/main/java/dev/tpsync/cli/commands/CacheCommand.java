package dev.tpsync.cli.commands;

import dev.tpsync.cache.FactCache;
import dev.tpsync.cli.ExitCodes;
import dev.tpsync.cli.hook.CacheWarmUp;
import dev.tpsync.input.InputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tpsync cache clear|stats}: the per-file fact cache of a tree. */
@Command(name = "cache", description = "Manage the fact cache (per-file facts keyed by git blob id).",
    mixinStandardHelpOptions = true,
    subcommands = {CacheCommand.Clear.class, CacheCommand.Stats.class},
    footer = {"%nExample:", "  tpsync cache clear ~/src/linux", ExitCodes.HELP_SECTION})
public final class CacheCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.INPUT_ERROR;
    }

    /**
     * {@code dir} made absolute, when it is a directory: a tree without a git directory has its
     * cache in the user's, which a mistyped path would otherwise name (and clear).
     */
    static Path existingTree(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InputException("not a directory: " + dir + "; give the tree whose cache to use (default: .)");
        }
        return dir.toAbsolutePath().normalize();
    }

    /** {@code tpsync cache clear [DIR]}. */
    @Command(name = "clear", description = "Empty the fact cache of a tree (default: .).", mixinStandardHelpOptions = true)
    static final class Clear implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", arity = "0..1", defaultValue = ".", paramLabel = "DIR")
        Path dir;

        @Option(names = "--old", description = "remove only what other tpsync versions wrote "
            + "(every parser change starts a new version; the old ones are never read again)")
        boolean old;

        @Override
        public Integer call() {
            FactCache cache = FactCache.forTree(existingTree(dir));
            PrintWriter out = spec.commandLine().getOut();
            try {
                if (old) {
                    List<FactCache.OtherVersion> removed = cache.clearOtherVersions();
                    long bytes = removed.stream().mapToLong(FactCache.OtherVersion::bytes).sum();
                    out.println(removed.isEmpty()
                        ? "nothing to clear: no other tpsync version than " + cache.version() + " wrote to "
                            + cache.root()
                        : "cleared " + removed.size() + " other version" + (removed.size() == 1 ? "" : "s") + " than "
                            + cache.version() + " (" + bytes / (1024 * 1024) + " MiB) in " + cache.root());
                } else {
                    boolean there = holdsAnything(cache.root());
                    cache.clear();
                    out.println(there ? "cleared " + cache.root() : "nothing to clear: no cache at " + cache.root());
                }
            } catch (IOException e) {
                throw new InputException("cannot clear the cache at " + cache.root() + ": " + e.getMessage());
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** Whether {@code dir} exists and is not empty. */
    private static boolean holdsAnything(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (java.util.stream.Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isPresent();
        }
    }

    /** {@code tpsync cache stats [DIR]}. */
    @Command(name = "stats", description = "Show entries and size of a tree's fact cache.", mixinStandardHelpOptions = true)
    static final class Stats implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", arity = "0..1", defaultValue = ".", paramLabel = "DIR")
        Path dir;

        @Override
        public Integer call() throws IOException {
            FactCache cache = FactCache.forTree(existingTree(dir));
            FactCache.Stats s = cache.stats();
            PrintWriter out = spec.commandLine().getOut();
            out.println(cache.root() + ": " + s.entries() + " entries, " + s.treeIndexes() + " tree indexes, "
                + s.models() + " models, " + s.summaries() + " context summaries, " + s.slices() + " slices, "
                + s.definitionIndexes() + " definition indexes, " + s.bytes() / (1024 * 1024) + " MiB");
            for (FactCache.OtherVersion other : cache.otherVersionsWritten()) {
                out.println("  of which " + other.dir().getFileName() + " (another tpsync version, last written "
                    + other.lastWritten().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "): "
                    + other.bytes() / (1024 * 1024) + " MiB; 'tpsync cache clear --old' removes it, as 'tpsync hook "
                    + "warm' does after " + CacheWarmUp.UNUSED.toDays() + " days unused");
            }
            out.flush();
            return ExitCodes.OK;
        }
    }
}
