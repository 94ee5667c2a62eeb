package dev.tpsync.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache seen from the command line: a scan fills it (facts and the tree's call graph), a
 * second scan is served from it and reports the same, {@code cache stats} counts it and
 * {@code cache clear} empties it.
 */
class CacheCommandTest {

    private static final Path DEMO = Path.of(System.getProperty("tpsync.testdata", "../testdata")).resolve("demo");

    private static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    @Test
    void aMistypedDirectoryIsAnErrorNotTheUsersCache(@TempDir Path dir) {
        Path typo = dir.resolve("linxu");
        for (String command : new String[] {"clear", "stats"}) {
            CommandRun r = run("cache", command, typo.toString());
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err()).isEqualTo("tpsync: not a directory: " + typo
                + "; give the tree whose cache to use (default: .)\n");
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void aWarmScanIsServedFromTheCacheAndReportsTheSame(@TempDir Path dir) throws IOException {
        Path tree = copyDemo(dir);
        // A .git directory puts the cache inside it (see CacheLocation), away from the user's.
        Files.createDirectories(tree.resolve(".git"));
        CommandRun uncached = run("scan", tree.toString(), "--no-cache", "-q");
        assertThat(cacheFiles(tree)).isZero();

        CommandRun cold = run("scan", tree.toString(), "-q", "-v");
        assertThat(run("cache", "stats", tree.toString()).out()).contains(" 1 tree indexes, 1 models, ");
        CommandRun warm = run("scan", tree.toString(), "-q", "-v");

        assertThat(cold.exit()).isEqualTo(uncached.exit()).isEqualTo(warm.exit()).isEqualTo(1);
        assertThat(cold.out()).isEqualTo(uncached.out()).isEqualTo(warm.out());

        // An edit makes another tree: a new graph is built and kept beside the first.
        Files.writeString(tree.resolve("kernel/sched/idle.c"), "\n/* edited */\n",
            java.nio.file.StandardOpenOption.APPEND);
        CommandRun edited = run("scan", tree.toString(), "-q");
        assertThat(edited.out()).isEqualTo(run("scan", tree.toString(), "--no-cache", "-q").out());
        assertThat(run("cache", "stats", tree.toString()).out()).contains(" 2 models, ");

        // What another tpsync version wrote goes with --old; this version's cache stays.
        Path otherVersion = Files.createDirectories(tree.resolve(".git/tpsync/cache/facts-v0-0123456789ab/objects/ab"));
        Files.writeString(otherVersion.resolve("cd"), "stale");
        long before = cacheFiles(tree);
        CommandRun clearOld = run("cache", "clear", "--old", tree.toString());
        assertThat(clearOld.exit()).isZero();
        assertThat(clearOld.out()).startsWith("cleared 1 other version than ").endsWith(" (0 MiB) in "
            + tree.resolve(".git/tpsync/cache") + "\n");
        assertThat(tree.resolve(".git/tpsync/cache/facts-v0-0123456789ab")).doesNotExist();
        assertThat(cacheFiles(tree)).isEqualTo(before - 1);
        assertThat(run("cache", "stats", tree.toString()).out()).contains(" 2 models, ");

        CommandRun clear = run("cache", "clear", tree.toString());
        assertThat(clear.exit()).isZero();
        assertThat(cacheFiles(tree)).isZero();
        assertThat(run("cache", "stats", tree.toString()).out()).contains(": 0 entries, 0 tree indexes, 0 models, 0 context summaries, 0 slices, 0 definition indexes, 0 MiB");
    }

    @Test
    void aClearWithNothingToClearSaysSo(@TempDir Path dir) throws IOException {
        Path tree = copyDemo(dir);
        Files.createDirectories(tree.resolve(".git"));
        Path cache = tree.resolve(".git/tpsync/cache");

        CommandRun nothingYet = run("cache", "clear", "--old", tree.toString());
        run("scan", tree.toString(), "-q");
        CommandRun onlyThisVersion = run("cache", "clear", "--old", tree.toString());
        CommandRun all = run("cache", "clear", tree.toString());
        CommandRun allAgain = run("cache", "clear", tree.toString());

        assertThat(nothingYet.exit()).isZero();
        assertThat(nothingYet.out()).startsWith("nothing to clear: no other tpsync version than ")
            .endsWith(" wrote to " + cache + "\n");
        assertThat(onlyThisVersion.out()).isEqualTo(nothingYet.out());
        assertThat(all.out()).isEqualTo("cleared " + cache + "\n");
        assertThat(allAgain.exit()).isZero();
        assertThat(allAgain.out()).isEqualTo("nothing to clear: no cache at " + cache + "\n");
    }

    private static Path copyDemo(Path dir) throws IOException {
        Path tree = dir.resolve("demo");
        try (Stream<Path> files = Files.walk(DEMO)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = tree.resolve(DEMO.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        return tree;
    }

    private static long cacheFiles(Path tree) throws IOException {
        Path cache = tree.resolve(".git/tpsync/cache");
        if (!Files.exists(cache)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(cache)) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}
