package dev.tpsync.cli.review;

import static dev.tpsync.cli.review.ReviewFixtures.git;
import static dev.tpsync.cli.review.ReviewFixtures.repoWithTree;
import static dev.tpsync.cli.review.ReviewFixtures.root;
import static dev.tpsync.cli.review.ReviewFixtures.run;
import static dev.tpsync.cli.review.ReviewFixtures.runWithStdin;
import static dev.tpsync.cli.review.ReviewFixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input through the CLI: exit 2, exactly one line on stderr that names the input (and
 * says what to do), nothing on stdout.
 */
class ReviewErrorsTest {

    @TempDir
    Path tmp;

    private static String oneErrorLine(ReviewFixtures.Run r) {
        assertThat(r.exit()).as("exit code; stderr: %s", r.err()).isEqualTo(2);
        assertThat(r.out()).as("stdout").isEmpty();
        assertThat(r.errLines()).as("stderr").hasSize(1);
        assertThat(r.errLines().get(0)).startsWith("tpsync: ");
        return r.errLines().get(0);
    }

    @Test
    void outsideARepositoryTheAdviceNamesReviewsOwnOptions() throws IOException {
        Path plain = Files.createDirectories(tmp.resolve("plain"));

        String line = oneErrorLine(run("review", "-C", plain.toString()));
        String gitDir = oneErrorLine(run("review", "--git-dir", plain.toString()));

        assertThat(line).isEqualTo("tpsync: not a git repository: " + plain + " (nor any parent); run tpsync inside"
            + " a git work tree, or name one with -C DIR (a git directory with --git-dir DIR)");
        assertThat(gitDir).startsWith("tpsync: not a git repository: " + plain + " (")
            .endsWith("); give --git-dir a repository's git directory (its .git, or a bare repository)");
    }

    @Test
    void patchThatDoesNotApplyOntoTree() {
        Path patch = root().resolve("no-tree/drop-watch");
        String line = oneErrorLine(run("review", "--patches", patch.toString(), "--tree", tree().toString()));
        assertThat(line).contains("patch 1/1 (tracepoint: stop making RCU watch for rcuidle probes)")
            .contains("does not apply").contains("include/linux/tracepoint.h").contains("hunk #1")
            .contains("--no-tree").contains("--base");
    }

    @Test
    void aPatchWhoseEarlierPatchIsMissingSaysWhichIsMissing() throws IOException {
        Path repo = tmp.resolve("repo");
        repoWithTree(repo);
        // The revert alone: the commit it reverts is not in the input, nor in the tree.
        Path revert = root().resolve("series/revert-series/0003-Revert-sched-idle-emit-the-idle-event-once-the-CPU-i.patch");

        String line = oneErrorLine(run("review", "--patches", revert.toString(), "-C", repo.toString()));

        assertThat(line).contains("patch 3/3 (Revert \"sched/idle: emit the idle event once the CPU is really idle\")"
                + " does not apply: ")
            .endsWith("; patch 1/3 is missing from " + revert + "; patch 2/3 is missing from " + revert
                + ", which it may build on: add it, or try --base REV or --no-tree");
    }

    @Test
    void aMailsBaseCommitThisRepositoryLacksFallsBackToHead() throws IOException {
        Path repo = tmp.resolve("repo");
        repoWithTree(repo);
        Path patch = root().resolve("series/intro-lost-rcuidle").resolve(
            "0001-sched-idle-emit-the-idle-event-once-the-CPU-is-reall.patch");
        Path based = Files.writeString(tmp.resolve("based.patch"), Files.readString(patch)
            .replace("\n-- \n", "\nbase-commit: 0123456789abcdef0123456789abcdef01234567\n-- \n"));

        ReviewFixtures.Run r = run("review", "--patches", based.toString(), "-C", repo.toString());

        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).contains("note: the mail's base-commit 0123456789abcdef0123456789abcdef01234567 is not in"
            + " this repository; applying onto HEAD (fetch it, or give --base REV)").contains("[lost-rcuidle]");
    }

    @Test
    void patchThatDoesNotApplyOntoBaseRevision() throws IOException {
        Path repo = tmp.resolve("repo");
        String base = repoWithTree(repo);
        Path patch = root().resolve("no-tree/quilt");
        String line = oneErrorLine(run("review", "--patches", patch.toString(), "--base", base, "-C", repo.toString()));
        assertThat(line).contains("patch 1/1").contains("trace-idle-entry.diff").contains("does not apply")
            .contains("kernel/sched/idle.c").contains("hunk #1").contains("--no-tree").contains("--base");
    }

    @Test
    void badRange() throws IOException {
        Path repo = tmp.resolve("repo");
        repoWithTree(repo);
        String line = oneErrorLine(run("review", "nosuch..HEAD", "-C", repo.toString()));
        assertThat(line).contains("bad range 'nosuch..HEAD'").contains("unknown revision 'nosuch'");
    }

    @Test
    void badRangeFromASubdirectoryGivenAsARelativePath() throws IOException {
        Path repo = tmp.resolve("repo");
        repoWithTree(repo);
        Path relative = Path.of("").toAbsolutePath().relativize(repo.resolve("kernel/sched"));
        assertThat(relative.isAbsolute()).isFalse();
        String line = oneErrorLine(run("review", "nosuch..HEAD", "-C", relative.toString()));
        assertThat(line).contains("bad range 'nosuch..HEAD'");
    }

    @Test
    void stagedReviewOfASplitIndex() throws IOException {
        Path repo = tmp.resolve("repo");
        repoWithTree(repo);
        Files.writeString(repo.resolve("kernel/sched/idle.c"), "/* staged */\n", java.nio.file.StandardOpenOption.APPEND);
        git(repo, "add", "kernel/sched/idle.c");
        git(repo, "update-index", "--split-index");
        String line = oneErrorLine(run("review", "--staged", "-C", repo.toString()));
        assertThat(line).contains("git index").contains("is split").contains("git update-index --no-split-index");
    }

    @Test
    void aChangeThatLeavesACFileUnreadableIsAnInputError() throws IOException {
        Path repo = tmp.resolve("repo");
        repoWithTree(repo);
        Path idle = repo.resolve("kernel/sched/idle.c");
        Files.writeString(idle, Files.readString(idle) + "}\n/* the rest of the series\n");
        git(repo, "add", "kernel/sched/idle.c");

        String staged = oneErrorLine(run("review", "--staged", "-C", repo.toString()));
        git(repo, "commit", "-q", "-m", "sched/idle: stray brace");
        String range = oneErrorLine(run("review", "HEAD~1..HEAD", "-C", repo.toString()));

        assertThat(staged).startsWith("tpsync: patch 1/1 (staged changes) leaves kernel/sched/idle.c unreadable as C"
                + " (line ")
            .endsWith("it would not build, and tpsync cannot judge it; fix the patch");
        assertThat(range).contains("patch 1/1 (sched/idle: stray brace) leaves kernel/sched/idle.c unreadable as C");
    }

    @Test
    void aLoneQuoteInAnAssemblerHeadersCommentIsNoBuildBreak() throws IOException {
        Path repo = tmp.resolve("repo");
        repoWithTree(repo);
        Path header = repo.resolve("arch/arc/include/asm/entry-widget.h");
        Files.createDirectories(header.getParent());
        Files.writeString(header, """
            /* SPDX-License-Identifier: GPL-2.0-only */
            #ifndef __ASM_ARC_ENTRY_WIDGET_H
            #define __ASM_ARC_ENTRY_WIDGET_H

            .macro RESTORE_SP
            	; Restore SP only if returning to U mode: that doesn't matter for K mode
            	ld	r10, [sp, PT_sp]
            .endm

            #endif
            """);
        git(repo, "add", "arch");

        ReviewFixtures.Run staged = run("review", "--staged", "-C", repo.toString(), "-q");
        git(repo, "commit", "-q", "-m", "ARC: entry macros");
        ReviewFixtures.Run range = run("review", "HEAD~1..HEAD", "-C", repo.toString(), "-q");

        for (ReviewFixtures.Run r : List.of(staged, range)) {
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.err()).isEmpty();
        }
    }

    @Test
    void aCFileGitShowsAsBinaryIsAnInputErrorNotAChangeJudgedAsNone() throws IOException {
        Path repo = tmp.resolve("repo");
        repoWithTree(repo);
        Path idle = repo.resolve("kernel/sched/idle.c");
        // A carriage return alone (an old Mac line end, a pasted ^M): gcc builds it, git diffs it as binary.
        Files.writeString(idle, Files.readString(idle).replaceFirst("\n", "\r") + "void idle_more(void)\n{\n}\n");
        git(repo, "add", "kernel/sched/idle.c");

        String staged = oneErrorLine(run("review", "--staged", "-C", repo.toString()));
        git(repo, "commit", "-q", "-m", "sched/idle: one more");
        String range = oneErrorLine(run("review", "HEAD~1..HEAD", "-C", repo.toString()));

        assertThat(staged).isEqualTo("tpsync: patch 1/1 (staged changes) leaves kernel/sched/idle.c a file git shows as"
            + " binary (a NUL byte or a carriage return alone in it): git gives no text of the change, and tpsync"
            + " cannot judge it; remove the stray byte");
        assertThat(range).contains("patch 1/1 (sched/idle: one more) leaves kernel/sched/idle.c a file git shows as"
            + " binary");
    }

    @Test
    void corruptMbox() {
        Path mbox = root().resolve("errors/corrupt-truncated.mbox");
        String line = oneErrorLine(run("review", "--patches", mbox.toString(), "--tree", tree().toString()));
        assertThat(line).contains("corrupt mbox").contains(mbox.toString()).contains("message 2");
    }

    @Test
    void nonUtf8Subject() {
        Path patch = root().resolve("errors/non-utf8-subject.patch");
        String line = oneErrorLine(run("review", "--patches", patch.toString(), "--tree", tree().toString()));
        assertThat(line).contains(patch.toString()).contains("subject").contains("UTF-8");
    }

    @Test
    void emptyStandardInput() {
        String line = oneErrorLine(runWithStdin(new byte[0], "review", "--patches", "-", "--no-tree"));
        assertThat(line).contains("standard input").contains("empty");
    }

    @Test
    void badFailOnValue() {
        String line = oneErrorLine(run("review", "--patches", root().resolve("series/refactor").toString(),
            "--tree", tree().toString(), "--fail-on", "bogus"));
        assertThat(line).contains("--fail-on").contains("'bogus'");
    }

    @Test
    void treeWithoutPatches() {
        String line = oneErrorLine(run("review", "--tree", tree().toString()));
        assertThat(line).contains("--tree").contains("--patches");
    }
}
