package dev.tpsync.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tpsync.cli.Cli;
import dev.tpsync.cli.KernelRepo;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code review --patches -} and {@code --staged} after the review logic moved to SeriesReview. */
class ReviewCommandTest {

    @TempDir
    Path dir;

    private KernelRepo repo;

    @BeforeEach
    void createRepository() {
        assumeTrue(KernelRepo.gitAvailable(), "git is not installed: skipping review tests that need a repository");
        repo = KernelRepo.create(dir);
    }

    private String[] review(byte[] stdin, int expectedExit, String... args) {
        CommandLine cmd = Cli.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        ((ReviewCommand) cmd.getSubcommands().get("review").getCommand()).stdin = new ByteArrayInputStream(stdin);
        int code = cmd.execute(args);
        assertThat(code).as(err.toString()).isEqualTo(expectedExit);
        return new String[] {out.toString(), err.toString()};
    }

    @Test
    void patchesFromStdinAgainstTheRepository() {
        byte[] mail = repo.formatPatch(repo::hazardousEdit, "sched/idle: trace after entering idle");

        String out = review(mail, 1, "review", "--patches", "-", "-C", dir.toString())[0];

        assertThat(out).contains("[PATCH 1/1] sched/idle: trace after entering idle")
            .contains("kernel/sched/idle.c:13:2: error:").contains("[lost-rcuidle]");
    }

    @Test
    void patchesFromStdinWithoutTheTree() {
        byte[] mail = repo.formatPatch(repo::harmlessEdit, "sched/idle: count polls");

        String out = review(mail, 0, "review", "--patches", "-", "--no-tree", "--format", "json")[0];

        assertThat(out).contains("reviewed without the tree (--no-tree)").contains("\"introduced\": []");
    }

    @Test
    void stagedChanges() {
        repo.hazardousEdit();
        repo.git("add", "-A");

        String out = review(new byte[0], 1, "review", "--staged", "-C", dir.toString())[0];

        assertThat(out).contains("[PATCH 1/1] staged changes").contains("[lost-rcuidle]");
    }
}
