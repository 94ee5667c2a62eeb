package dev.tpsync.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code tpsync scan} says about the tree and paths it is given. */
class ScanCommandTest {

    private static final Path DEMO = Path.of(System.getProperty("tpsync.testdata", "../testdata")).resolve("demo");

    @Test
    void filesTheFrontEndCannotReadWholeAreNamedInANote(@TempDir Path dir) throws IOException {
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Path sched = Files.createDirectories(tree.resolve("kernel/sched"));
        Files.copy(DEMO.resolve("kernel/sched/idle.c"), sched.resolve("idle.c"));
        Files.writeString(sched.resolve("broken.c"), "void f(void)\n{\n\tg();\n/* never closed\n");

        CommandRun one = CommandRun.of("scan", tree.toString(), "--no-cache", "--fail-on", "never");
        Files.writeString(sched.resolve("stray.c"), "}\n");
        CommandRun two = CommandRun.of("scan", tree.toString(), "--no-cache", "--fail-on", "never");
        CommandRun clean = CommandRun.of("scan", DEMO.toString(), "--no-cache", "--fail-on", "never");

        assertThat(one.exit()).as(one.err()).isZero();
        assertThat(one.out()).contains("note: kernel/sched/broken.c:4: unterminated comment: the file could not be"
            + " read whole as C; findings in it may be missing");
        assertThat(two.out()).contains("note: 2 files could not be read whole as C (the first: kernel/sched/broken.c:4:"
            + " unterminated comment); findings in them may be missing; 'tpsync index " + tree + "' lists them");
        assertThat(clean.out()).doesNotContain("could not be read whole");
    }

    @Test
    void aSubdirectoryOfAKernelScannedAloneSaysWhoseContextsItMisses(@TempDir Path dir) throws IOException {
        Path top = Files.createDirectories(dir.resolve("linux"));
        Files.createDirectories(top.resolve(".git"));
        Files.writeString(top.resolve("Kconfig"), "source \"kernel/Kconfig\"\n");
        Path sched = Files.createDirectories(top.resolve("kernel/sched"));
        Files.copy(DEMO.resolve("kernel/sched/idle.c"), sched.resolve("idle.c"));

        CommandRun alone = CommandRun.of("scan", sched.toString(), "--no-cache", "--fail-on", "never");
        CommandRun whole = CommandRun.of("scan", top.toString(), "--no-cache", "--fail-on", "never");

        assertThat(alone.exit()).as(alone.err()).isZero();
        assertThat(alone.out()).contains("note: " + sched + " is inside the kernel work tree " + top
            + ": the contexts are those of " + sched + " alone; for " + top + "'s, run 'tpsync scan " + top
            + " kernel/sched'");
        assertThat(whole.out()).doesNotContain("is inside the kernel work tree");
        // A tree of its own in another project's repository (no Kconfig at the top): no note.
        Files.delete(top.resolve("Kconfig"));
        assertThat(CommandRun.of("scan", sched.toString(), "--no-cache", "--fail-on", "never").out())
            .doesNotContain("is inside the kernel work tree");
    }

    @Test
    void aPathThatIsNotThereIsSaidToBeMissingNotOutside() {
        CommandRun missing = CommandRun.of("scan", DEMO.toString(), "kernel/nosuch", "--no-cache");
        CommandRun outside = CommandRun.of("scan", DEMO.toString(), "/", "--no-cache");

        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("tpsync: path kernel/nosuch does not exist in the tree "
            + DEMO.toAbsolutePath().normalize() + "\n");
        assertThat(outside.exit()).isEqualTo(2);
        assertThat(outside.err()).contains("is not inside the tree");
    }
}
