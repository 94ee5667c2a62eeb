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
    void aTreeWithoutCSaysNothingWasScannedAndStillExitsZero(@TempDir Path dir) throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path bare = Files.createDirectories(dir.resolve("repo.git"));
        Files.writeString(bare.resolve("HEAD"), "ref: refs/heads/master\n");
        Files.createDirectories(bare.resolve("objects"));
        Files.createDirectories(bare.resolve("refs/heads"));

        CommandRun nothing = CommandRun.of("scan", empty.toString(), "--no-cache");
        CommandRun ofBare = CommandRun.of("scan", bare.toString(), "--no-cache");
        CommandRun demo = CommandRun.of("scan", DEMO.toString(), "--no-cache", "--fail-on", "never");

        assertThat(nothing.exit()).as(nothing.err()).isZero();
        assertThat(nothing.out()).isEqualTo("note: no .c or .h files found under " + empty.toAbsolutePath().normalize()
            + ": nothing was scanned\nno findings\n");
        assertThat(ofBare.exit()).isZero();
        assertThat(ofBare.out()).contains("note: no .c or .h files found under " + bare.toAbsolutePath().normalize()
            + " (a bare git repository: scan a work tree of it): nothing was scanned\n");
        assertThat(demo.out()).doesNotContain("no .c or .h files");
    }

    @Test
    void rulesAllDisabledSayNoRuleWasLeftToRun() {
        CommandRun none = CommandRun.of("scan", DEMO.toString(), "--no-cache", "--rules", "nmi-perf-rcu", "--disable",
            "nmi-perf-rcu");
        CommandRun one = CommandRun.of("scan", DEMO.toString(), "--no-cache", "--rules", "nmi-perf-rcu,lost-rcuidle",
            "--disable", "lost-rcuidle", "--fail-on", "never");

        assertThat(none.exit()).as(none.err()).isZero();
        assertThat(none.out()).isEqualTo("note: no rules left to run: --rules nmi-perf-rcu and --disable nmi-perf-rcu "
            + "leave none, so nothing was judged\nno findings\n");
        assertThat(one.out()).doesNotContain("no rules left to run");
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
