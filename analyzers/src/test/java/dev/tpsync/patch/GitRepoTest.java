package dev.tpsync.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tpsync.input.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeCommand;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitRepoTest {

    private static final String FOO = "kernel/trace/foo.c";
    private static final PersonIdent STEVEN = new PersonIdent("Steven Rostedt", "rostedt@goodmis.org");

    @TempDir
    Path tmp;
    Path work;
    Git git;
    RevCommit base;

    @BeforeEach
    void createRepository() throws Exception {
        work = tmp.resolve("linux");
        git = Git.init().setDirectory(work.toFile()).setInitialBranch("master").call();
        StoredConfig config = git.getRepository().getConfig();
        config.setString("user", null, "name", "Steven Rostedt");
        config.setString("user", null, "email", "rostedt@goodmis.org");
        config.save();
        write(FOO, Fixtures.baseTree().read(FOO).orElseThrow());
        write("include/trace/events/foo.h", Fixtures.baseTree().read("include/trace/events/foo.h").orElseThrow());
        write("Documentation/trace/foo.rst", "foo\n===\n");
        base = commit("tracing: add foo events");
        git.tag().setName("base").setObjectId(base).call();
    }

    private void write(String path, String content) throws IOException {
        Path f = work.resolve(path);
        Files.createDirectories(f.getParent());
        Files.writeString(f, content, StandardCharsets.ISO_8859_1);
    }

    private RevCommit commit(String message) throws Exception {
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        return git.commit().setMessage(message).setAuthor(STEVEN).setCommitter(STEVEN).call();
    }

    private String foo() throws IOException {
        return Files.readString(work.resolve(FOO), StandardCharsets.ISO_8859_1);
    }

    /** base + two commits on master, a side branch merged with a merge commit in between. */
    private void history() throws Exception {
        write(FOO, foo().replace("\ttrace_foo_nmi(cpu);\n", "\trcu_read_lock();\n\ttrace_foo_nmi(cpu);\n\trcu_read_unlock();\n"));
        commit("tracing/foo: take rcu_read_lock around the NMI tracepoint\n\nThe foo_nmi tracepoint is called from NMI context.\n\nSigned-off-by: Steven Rostedt <rostedt@goodmis.org>\n");
        git.checkout().setCreateBranch(true).setName("side").call();
        write("Documentation/trace/foo.rst", "foo\n===\n\nEvents of foo.\n");
        commit("docs: describe foo");
        git.checkout().setName("master").call();
        write(FOO, foo().replace("\tct_idle_enter();\n\ttrace_foo_idle(1);\n", "\ttrace_foo_idle(1);\n\tct_idle_enter();\n"));
        commit("tracing/foo: emit the idle event before entering idle");
        git.merge().include(git.getRepository().resolve("side")).setFastForward(MergeCommand.FastForwardMode.NO_FF)
                .setMessage("Merge branch 'side'").call();
        Files.move(work.resolve(FOO), work.resolve("kernel/trace/foo_events.c"));
        commit("tracing/foo: rename foo.c");
    }

    @Test
    void rangeGivesCommitsOldestFirstAndSkipsMerges() throws Exception {
        history();
        try (GitRepo repo = GitRepo.open(work)) {
            PatchSeries s = repo.range("base..HEAD");
            assertThat(s.patches()).extracting(Patch::subject).containsExactly(
                    "tracing/foo: take rcu_read_lock around the NMI tracepoint",
                    "docs: describe foo",
                    "tracing/foo: emit the idle event before entering idle",
                    "tracing/foo: rename foo.c");
            assertThat(s.patches()).extracting(Patch::index).containsExactly(1, 2, 3, 4);
            assertThat(s.patches()).extracting(Patch::total).containsOnly(4);
            assertThat(s.notes()).singleElement().asString().matches("skipped merge [0-9a-f]{12} \\(Merge branch 'side'\\)");
            assertThat(s.baseCommit()).contains(base.name());
            // Lines of descent: each starts on the parent git made its first commit on.
            List<PatchSeries> lines = repo.linesOf(s);
            assertThat(lines).extracting(l -> l.patches().size()).containsExactly(2, 1, 1);
            assertThat(lines.get(0).baseCommit()).contains(base.name());
            assertThat(lines.get(1).baseCommit()).contains(s.patches().get(0).commitId());
            assertThat(lines.get(2).baseCommit()).contains(git.getRepository().resolve("HEAD~1").name());
            Patch first = s.patches().get(0);
            assertThat(first.author()).isEqualTo("Steven Rostedt <rostedt@goodmis.org>");
            assertThat(first.commitId()).matches("[0-9a-f]{40}");
            assertThat(first.message()).isEqualTo("The foo_nmi tracepoint is called from NMI context.\n\n"
                    + "Signed-off-by: Steven Rostedt <rostedt@goodmis.org>");
            assertThat(first.diffText()).startsWith("diff --git a/kernel/trace/foo.c b/kernel/trace/foo.c\n");
            assertThat(first.files()).singleElement().satisfies(f -> {
                assertThat(f.path()).isEqualTo(FOO);
                assertThat(f.addedLines()).isEqualTo(2);
            });
            FilePatch rename = s.patches().get(3).files().get(0);
            assertThat(rename.type()).isEqualTo(ChangeType.RENAME);
            assertThat(rename.newPath()).isEqualTo("kernel/trace/foo_events.c");

            // the range's diffs apply to the base and reproduce the tip
            SeriesApplier.AppliedSeries applied = SeriesApplier.apply(s, repo.at("base"));
            assertThat(applied.result().read("kernel/trace/foo_events.c")).isEqualTo(repo.at("HEAD").read("kernel/trace/foo_events.c"));
            assertThat(applied.result().read(FOO)).isEmpty();
        }
    }

    @Test
    void aRangeFromACommitThatIsNotAnAncestorAppliesOnTheForkPoint() throws Exception {
        RevCommit forked = commit("tracing/foo: nothing yet");
        git.checkout().setCreateBranch(true).setName("other").setStartPoint(base).call();
        write("Documentation/trace/foo.rst", "foo\n===\n\nAnother branch.\n");
        RevCommit other = commit("docs: another branch");
        try (GitRepo repo = GitRepo.open(work)) {
            // git log master..other shows the one commit of 'other'; it applies on base, not on master.
            PatchSeries s = repo.range("master..other");
            assertThat(s.patches()).extracting(Patch::subject).containsExactly("docs: another branch");
            assertThat(s.baseCommit()).contains(base.name());
            assertThat(forked.getParent(0)).isEqualTo(base);
            assertThat(repo.range(other.name() + ".." + other.name()).baseCommit()).contains(other.name());
        }
    }

    @Test
    void aRootCommitThatAddsAWholeProjectIsRefusedWithWhatToDoInstead() throws Exception {
        for (int i = 0; i <= GitRepo.ROOT_FILES; i++) {
            write("drivers/gen/f" + i + ".c", "int f" + i + ";\n");
        }
        // A root commit of its own: an orphan branch.
        git.checkout().setOrphan(true).setName("release").call();
        RevCommit release = commit("Linux 9.9");
        try (GitRepo repo = GitRepo.open(work)) {
            assertThatThrownBy(() -> repo.range(release.name()))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("is a root commit that adds more than " + GitRepo.ROOT_FILES + " files")
                .hasMessageContaining("use 'tpsync scan'");
        }
    }

    @Test
    void aMoveGitCallsARenameIsOneHereToo() throws Exception {
        StringBuilder kept = new StringBuilder();
        StringBuilder added = new StringBuilder();
        for (int i = 1; i <= 40; i++) {
            kept.append("int keep_").append(i).append(" = ").append(i).append(";\n");
        }
        for (int i = 1; i <= 30; i++) {
            added.append("int added_").append(i).append(" = ").append(i).append(";\n");
        }
        write("kernel/a.c", kept.toString());
        commit("add a.c");
        Files.delete(work.resolve("kernel/a.c"));
        // 55% alike, as git diff -M reports it: a rename to git (50% and up), not to JGit's default (60%).
        write("kernel/b.c", added + kept.toString());
        commit("move a.c to b.c, with 30 lines more");
        try (GitRepo repo = GitRepo.open(work)) {
            assertThat(repo.range("HEAD~1..HEAD").patches().get(0).files()).singleElement().satisfies(f -> {
                assertThat(f.type()).isEqualTo(ChangeType.RENAME);
                assertThat(f.oldPath()).isEqualTo("kernel/a.c");
                assertThat(f.newPath()).isEqualTo("kernel/b.c");
            });
        }
    }

    @Test
    void singleRevisionAndRootCommit() throws Exception {
        history();
        try (GitRepo repo = GitRepo.open(work)) {
            assertThat(repo.range("HEAD").patches()).extracting(Patch::subject).containsExactly("tracing/foo: rename foo.c");
            PatchSeries root = repo.range("base");
            assertThat(root.patches()).singleElement().satisfies(p -> {
                assertThat(p.files()).extracting(FilePatch::type).containsOnly(ChangeType.ADD);
                assertThat(p.files()).hasSize(3);
            });
            assertThat(root.baseCommit()).isEmpty();
            // A name HEAD has moved past: git format-patch would take the commits since.
            assertThat(root.notes()).containsExactly("reviewed the one commit base names; for the commits after it,"
                    + " give 'base..'");
            assertThat(repo.range("HEAD").notes()).isEmpty();
            assertThat(repo.range("master").notes()).isEmpty();
            assertThat(repo.range(base.name()).notes()).isEmpty();
            assertThat(repo.range("HEAD..HEAD").notes()).containsExactly("no commits to review in HEAD..HEAD");
        }
    }

    @Test
    void gitsOneCommitAndParentExcludedNotationsAreTheRangesGitMeans() throws Exception {
        history();
        try (GitRepo repo = GitRepo.open(work)) {
            PatchSeries alone = repo.range("HEAD^!");
            assertThat(alone.patches()).extracting(Patch::subject).containsExactly("tracing/foo: rename foo.c");
            assertThat(alone.baseCommit()).isEqualTo(repo.range("HEAD~1..HEAD").baseCommit());
            assertThat(repo.range("base^!").baseCommit()).isEmpty();
            assertThat(repo.range("base^!").notes()).isEmpty();
            for (String range : List.of("HEAD^-", "HEAD^-1", "@^-")) {
                assertThat(repo.range(range).patches()).as(range).extracting(Patch::subject)
                        .containsExactly("tracing/foo: rename foo.c");
            }
            assertThat(repo.range("HEAD^-").baseCommit()).isEqualTo(repo.range("HEAD~1..HEAD").baseCommit());
            assertThatThrownBy(() -> repo.range("HEAD^-2"))
                    .hasMessage("bad range 'HEAD^-2': unknown revision 'HEAD^2'; use A..B with commits of this"
                            + " repository");
            assertThatThrownBy(() -> repo.range("nope^!"))
                    .hasMessage("bad range 'nope^!': unknown revision 'nope'; use A..B with commits of this repository");
        }
    }

    @Test
    void badRanges() throws Exception {
        try (GitRepo repo = GitRepo.open(work)) {
            assertThatThrownBy(() -> repo.range("foo..bar"))
                    .isInstanceOf(InputException.class)
                    .hasMessage("bad range 'foo..bar': unknown revision 'foo'; use A..B with commits of this repository");
            assertThatThrownBy(() -> repo.range("base..nope"))
                    .hasMessage("bad range 'base..nope': unknown revision 'nope'; use A..B with commits of this repository");
            assertThatThrownBy(() -> repo.range("base~5..HEAD"))
                    .hasMessage("bad range 'base~5..HEAD': unknown revision 'base~5'; use A..B with commits of this repository");
            assertThatThrownBy(() -> repo.range("base:x..HEAD"))
                    .hasMessage("bad range 'base:x..HEAD': unknown revision 'base:x'; use A..B with commits of this repository");
            assertThatThrownBy(() -> repo.range("base...HEAD"))
                    .hasMessage("bad range 'base...HEAD': symmetric ranges (A...B) are not supported; use A..B with"
                            + " commits of this repository");
            assertThatThrownBy(() -> repo.at("nope"))
                    .hasMessage("unknown revision 'nope'; use a commit of this repository (e.g. --base origin/master)");
        }
    }

    @Test
    void defaultRangeUsesUpstreamOrFallsBack() throws Exception {
        history();
        try (GitRepo repo = GitRepo.open(work)) {
            PatchSeries s = repo.defaultRange();
            assertThat(s.patches()).extracting(Patch::subject).containsExactly("tracing/foo: rename foo.c");
            assertThat(s.notes()).containsExactly("no upstream branch for 'master': reviewing HEAD~1..HEAD; give a"
                    + " range such as origin/master..HEAD");
        }
        git.branchCreate().setName("upstream").setStartPoint("base").call();
        StoredConfig config = git.getRepository().getConfig();
        config.setString("branch", "master", "remote", ".");
        config.setString("branch", "master", "merge", "refs/heads/upstream");
        config.save();
        try (GitRepo repo = GitRepo.open(work.resolve("kernel/trace"))) {
            PatchSeries s = repo.defaultRange();
            assertThat(s.patches()).hasSize(4);
            assertThat(s.notes()).hasSize(1).allMatch(n -> n.startsWith("skipped merge "));
            assertThat(s.baseCommit()).contains(base.name());
        }
    }

    @Test
    void anUpstreamInARangeIsTheTrackedBranchLocalOrRemote() throws Exception {
        history();
        try (GitRepo repo = GitRepo.open(work)) {
            assertThatThrownBy(() -> repo.range("@{u}..HEAD")).hasMessage("bad range '@{u}..HEAD': branch 'master'"
                    + " has no upstream; set one (git branch -u origin/master) or name the base (origin/master..HEAD)");
        }
        // A branch that tracks a local one (remote "."): JGit alone took its @{upstream} for HEAD.
        git.branchCreate().setName("upstream").setStartPoint("base").call();
        StoredConfig config = git.getRepository().getConfig();
        config.setString("branch", "master", "remote", ".");
        config.setString("branch", "master", "merge", "refs/heads/upstream");
        config.save();
        try (GitRepo repo = GitRepo.open(work)) {
            for (String range : List.of("@{u}..HEAD", "@{upstream}..", "HEAD@{UPSTREAM}..@", "master@{u}..master")) {
                PatchSeries s = repo.range(range);
                assertThat(s.patches()).as(range).hasSize(4);
                assertThat(s.baseCommit()).as(range).contains(base.name());
            }
            assertThat(repo.range("@{u}~0..@~1").patches()).hasSize(3);
        }
        // A remote-tracking branch.
        RefUpdate remote = git.getRepository().updateRef("refs/remotes/origin/master");
        remote.setNewObjectId(base);
        remote.update();
        config.setString("branch", "master", "remote", "origin");
        config.setString("branch", "master", "merge", "refs/heads/master");
        config.setString("remote", "origin", "url", "https://example.org/linux.git");
        config.setString("remote", "origin", "fetch", "+refs/heads/*:refs/remotes/origin/*");
        config.save();
        try (GitRepo repo = GitRepo.open(work)) {
            assertThat(repo.range("@{u}..").patches()).hasSize(4);
            // The upstream alone is its one commit, which HEAD has moved past.
            assertThat(repo.range("@{u}").notes()).containsExactly("reviewed the one commit @{u} names; for the"
                    + " commits after it, give '@{u}..'");
            assertThatThrownBy(() -> repo.range("nope@{u}..")).hasMessage("bad range 'nope@{u}..': there is no"
                    + " branch 'nope'");
        }
        git.checkout().setName(base.name()).call();
        try (GitRepo repo = GitRepo.open(work)) {
            assertThatThrownBy(() -> repo.range("@{u}..")).hasMessage("bad range '@{u}..': HEAD is detached (on no"
                    + " branch), so it has no upstream; name the base (origin/master..HEAD)");
            assertThat(repo.defaultRange().notes()).containsExactly("HEAD is detached (on no branch), so it has no"
                    + " upstream: reviewing HEAD~1..HEAD; give a range such as origin/master..HEAD");
        }
    }

    @Test
    void blobsAndSourceFiles() throws Exception {
        try (GitRepo repo = GitRepo.open(work)) {
            assertThat(repo.at("base").read(FOO)).isEqualTo(Fixtures.baseTree().read(FOO));
            assertThat(repo.at("base").read("kernel/trace")).isEmpty();
            assertThat(repo.at("HEAD").read("missing.c")).isEmpty();
            assertThat(repo.sourceFiles("HEAD")).containsOnlyKeys("include/trace/events/foo.h", FOO)
                    .allSatisfy((path, id) -> assertThat(id).matches("[0-9a-f]{40}"));
            assertThat(repo.blobIdOfWorkingFile(FOO)).contains(repo.sourceFiles("HEAD").get(FOO));
            assertThat(repo.blobIdOfWorkingFile("missing.c")).isEmpty();
            assertThat(repo.workTree()).isEqualTo(work.toRealPath());
        }
    }

    @Test
    void readIntoAWorkspaceGivesTheRevisionsBytesFromTheWorkTreeOrTheObjectDatabase() throws Exception {
        // Old mtimes, so the index entries written now are not racily clean and their stat is trusted.
        java.nio.file.attribute.FileTime hourAgo = java.nio.file.attribute.FileTime.fromMillis(
            System.currentTimeMillis() - 3_600_000);
        Files.setLastModifiedTime(work.resolve(FOO), hourAgo);
        git.add().addFilepattern(FOO).call();
        String committed = foo();
        dev.tpsync.c.structure.ParseWorkspace workspace = new dev.tpsync.c.structure.ParseWorkspace();
        try (GitRepo repo = GitRepo.open(work)) {
            GitSnapshot head = new GitSnapshot(repo, "HEAD");
            assertThat(head.readInto(FOO, workspace)).isTrue();
            assertThat(new String(workspace.bytes(), 0, workspace.length(), StandardCharsets.ISO_8859_1))
                .isEqualTo(committed);
            // An unstaged edit in the work tree: HEAD's blob comes from the object database.
            write(FOO, committed + "/* not committed */\n");
            assertThat(head.readInto(FOO, workspace)).isTrue();
            assertThat(new String(workspace.bytes(), 0, workspace.length(), StandardCharsets.ISO_8859_1))
                .isEqualTo(committed);
            assertThat(head.readInto("kernel/trace/missing.c", workspace)).isFalse();
        }
    }

    @Test
    void aSnapshotReadsAFileBeforeItListsTheTreeAsItDoesAfter() throws Exception {
        String committed = foo();
        write(FOO, committed + "/* not committed */\n");
        try (GitRepo repo = GitRepo.open(work)) {
            GitSnapshot head = new GitSnapshot(repo, "HEAD");
            // Looked up one by one (what a review of an edit that only moves code does)...
            assertThat(head.read(FOO)).contains(committed);
            assertThat(head.read("kernel/trace/missing.c")).isEmpty();
            assertThat(head.read("kernel/trace")).isEmpty();
            // ...and the same once the whole revision has been listed.
            assertThat(head.sourcePaths()).containsExactly("include/trace/events/foo.h", FOO);
            assertThat(head.read(FOO)).contains(committed);
            assertThat(head.blobId(FOO)).isEqualTo(Optional.of(repo.sourceFiles("HEAD").get(FOO)));
            assertThatThrownBy(() -> new GitSnapshot(repo, "no-such-branch"))
                .isInstanceOf(InputException.class).hasMessageContaining("no-such-branch");
        }
    }

    @Test
    void aSnapshotReadsTheOtherFilesAPatchTouchesButListsOnlyTheSources() throws Exception {
        write("kernel/trace/Makefile", "obj-y += foo.o\n");
        Files.createSymbolicLink(work.resolve("kernel/trace/foo-link.c"), Path.of("foo.c"));
        Files.createSymbolicLink(work.resolve("kernel/trace/Makefile.link"), Path.of("Makefile"));
        commit("tracing/foo: build it; links");
        try (GitRepo repo = GitRepo.open(work)) {
            GitSnapshot head = new GitSnapshot(repo, "HEAD");
            // What a patch touching them applies its hunks to: the blob, or a link's target name.
            assertThat(head.read("kernel/trace/Makefile")).contains("obj-y += foo.o\n");
            assertThat(head.read("Documentation/trace/foo.rst")).contains("foo\n===\n");
            assertThat(head.read("kernel/trace/Makefile.link")).contains("Makefile");
            assertThat(head.read("kernel/trace/Kconfig")).isEmpty();
            assertThat(head.read("kernel/trace")).isEmpty();
            // The tree review parses is its regular .c and .h files, as before.
            assertThat(head.sourcePaths()).containsExactly("include/trace/events/foo.h", FOO);
            assertThat(head.blobId("kernel/trace/Makefile")).isEmpty();
            assertThat(head.read("kernel/trace/foo-link.c")).isEmpty();
        }
    }

    @Test
    void theLinearHistoryEndsAtAMergeOrTheRootCommitAndAtTheLimit() throws Exception {
        try (GitRepo repo = GitRepo.open(work)) {
            assertThat(repo.linearHistoryTrees(5)).containsExactly(tree(repo, "HEAD"));
        }
        history();
        try (GitRepo repo = GitRepo.open(work)) {
            // HEAD (the rename), then the merge, whose parents are not followed.
            assertThat(repo.linearHistoryTrees(5)).containsExactly(tree(repo, "HEAD"), tree(repo, "HEAD~1"));
            assertThat(repo.linearHistoryTrees(1)).containsExactly(tree(repo, "HEAD"));
        }
        Path empty = tmp.resolve("empty");
        Git.init().setDirectory(empty.toFile()).call().close();
        try (GitRepo repo = GitRepo.open(empty)) {
            assertThat(repo.linearHistoryTrees(5)).isEmpty();
        }
    }

    private static String tree(GitRepo repo, String rev) {
        return new GitSnapshot(repo, rev).revisionId().orElseThrow();
    }

    @Test
    void theSourceFilesThatDifferBetweenTwoTreesComeWithTheirBlobIdsInTheNewerOne() throws Exception {
        write(FOO, foo() + "/* changed */\n");
        write("kernel/trace/bar.c", "int bar;\n");
        write("Documentation/trace/foo.rst", "not a source file\n");
        Files.delete(work.resolve("include/trace/events/foo.h"));
        commit("tracing/foo: change, add, delete");
        try (GitRepo repo = GitRepo.open(work)) {
            String baseTree = new GitSnapshot(repo, "base").revisionId().orElseThrow();
            GitSnapshot head = new GitSnapshot(repo, "HEAD");
            Map<String, String> now = repo.sourceFiles("HEAD");

            assertThat(head.sourceChangesSince(baseTree, 10)).contains(new TreeMap<>(Map.of(
                FOO, Optional.of(now.get(FOO)),
                "kernel/trace/bar.c", Optional.of(now.get("kernel/trace/bar.c")),
                "include/trace/events/foo.h", Optional.empty())));
            assertThat(head.sourceChangesSince(head.revisionId().orElseThrow(), 10)).contains(Map.of());
            // Past the limit, or from what is not a tree of this repository: no answer.
            assertThat(head.sourceChangesSince(baseTree, 2)).isEmpty();
            assertThat(head.sourceChangesSince("0123456789012345678901234567890123456789", 10)).isEmpty();
            assertThat(head.sourceChangesSince("not a tree id", 10)).isEmpty();
        }
    }

    @Test
    void stagedChangeAgainstHead() throws Exception {
        write(FOO, foo().replace("\tfoo_account(cpu);\n", "\tfoo_account(cpu);\n\tpreempt_disable_notrace();\n"));
        write("kernel/trace/bar.c", "int bar;\n");
        git.add().addFilepattern(".").call();
        write(FOO, foo() + "/* not staged */\n");
        try (GitRepo repo = GitRepo.open(work)) {
            Patch staged = repo.staged();
            assertThat(staged.subject()).isEqualTo("staged changes");
            assertThat(staged.author()).isEqualTo("Steven Rostedt <rostedt@goodmis.org>");
            assertThat(staged.files()).extracting(FilePatch::path, FilePatch::type).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("kernel/trace/bar.c", ChangeType.ADD),
                    org.assertj.core.groups.Tuple.tuple(FOO, ChangeType.MODIFY));
            assertThat(staged.diffText()).contains("+\tpreempt_disable_notrace();\n").doesNotContain("not staged");
            assertThat(repo.index().read(FOO).orElseThrow()).contains("preempt_disable_notrace").doesNotContain("not staged");
            AppliedPatch applied = PatchApplier.apply(staged, repo.stagedBase());
            assertThat(applied.after().get(FOO)).isEqualTo(repo.index().read(FOO));
        }
    }

    @Test
    void stagedBeforeTheFirstCommit() throws Exception {
        Path fresh = tmp.resolve("fresh");
        try (Git g = Git.init().setDirectory(fresh.toFile()).call()) {
            Files.writeString(fresh.resolve("a.c"), "int a;\n");
            g.add().addFilepattern("a.c").call();
        }
        try (GitRepo repo = GitRepo.open(fresh)) {
            Patch staged = repo.staged();
            assertThat(staged.files()).singleElement().extracting(FilePatch::type).isEqualTo(ChangeType.ADD);
            assertThat(PatchApplier.apply(staged, repo.stagedBase()).after().get("a.c")).contains("int a;\n");
            assertThatThrownBy(repo::defaultRange)
                    .isInstanceOf(InputException.class)
                    .hasMessage("repository " + fresh.resolve(".git") + " has no commits yet; commit first or use --staged");
        }
    }

    @Test
    void linkedWorktree() throws Exception {
        history();
        Path wt = tmp.resolve("linux-wt");
        Process p = new ProcessBuilder("git", "worktree", "add", "-q", "-b", "feature", wt.toString(), "base")
                .directory(work.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(output).isZero();
        Files.writeString(wt.resolve(FOO), Files.readString(wt.resolve(FOO)).replace("return 0;", "return 1;"));
        try (Git g = Git.open(wt.toFile())) {
            g.add().addFilepattern(FOO).call();
            g.commit().setMessage("tracing/foo: fail init").setAuthor(STEVEN).setCommitter(STEVEN).call();
        }
        Files.writeString(wt.resolve("kernel/trace/new.c"), "int n;\n");
        new ProcessBuilder("git", "add", "kernel/trace/new.c").directory(wt.toFile()).start().waitFor();
        try (GitRepo repo = GitRepo.open(wt.resolve("kernel"))) {
            assertThat(repo.workTree()).isEqualTo(wt.toRealPath());
            assertThat(repo.range("master..HEAD").patches()).extracting(Patch::subject)
                    .containsExactly("tracing/foo: fail init");
            assertThat(repo.range("base..master").patches()).hasSize(4);
            assertThat(repo.staged().files()).extracting(FilePatch::path).containsExactly("kernel/trace/new.c");
            assertThat(repo.at("HEAD").read(FOO).orElseThrow()).contains("return 1;");
        }
    }

    /** Runs git in the work tree; the test fails with git's output if git does. */
    private void gitCli(String... args) throws Exception {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("git"));
        cmd.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(output).isZero();
    }

    @Test
    void aSplitIndexIsRefusedWithHowToJoinIt() throws Exception {
        write(FOO, foo() + "/* staged */\n");
        gitCli("add", FOO);
        gitCli("update-index", "--split-index");
        try (GitRepo repo = GitRepo.open(work)) {
            assertThatThrownBy(repo::staged)
                    .isInstanceOf(InputException.class)
                    .hasMessage("the git index " + work.resolve(".git/index") + " is split (git update-index"
                            + " --split-index or core.splitIndex), which tpsync cannot read; run 'git"
                            + " update-index --no-split-index' (and 'git config core.splitIndex false') and try again");
            // The stat shortcut of a tree scan does without the index.
            assertThat(repo.indexStats()).isEmpty();
        }
        gitCli("update-index", "--no-split-index");
        try (GitRepo repo = GitRepo.open(work)) {
            assertThat(repo.staged().files()).extracting(FilePatch::path).containsExactly(FOO);
            assertThat(repo.indexStats()).isNotEmpty();
        }
    }

    @Test
    void aSparseIndexIsRefusedWithHowToExpandIt() throws Exception {
        Process probe = new ProcessBuilder("git", "sparse-checkout", "init", "--cone", "--sparse-index")
                .directory(work.toFile()).redirectErrorStream(true).start();
        probe.getInputStream().readAllBytes();
        org.junit.jupiter.api.Assumptions.assumeTrue(probe.waitFor() == 0,
                "this git cannot write a sparse index (git 2.32 or later): skipping");
        gitCli("sparse-checkout", "set", "kernel");
        write(FOO, foo() + "/* staged */\n");
        gitCli("add", FOO);
        try (GitRepo repo = GitRepo.open(work)) {
            assertThatThrownBy(repo::staged)
                    .isInstanceOf(InputException.class)
                    .hasMessage("the git index " + work.resolve(".git/index") + " is a sparse index, which tpsync"
                            + " cannot read; run 'git sparse-checkout init --no-sparse-index' (the checkout"
                            + " stays sparse) and try again");
        }
        gitCli("sparse-checkout", "init", "--no-sparse-index");
        try (GitRepo repo = GitRepo.open(work)) {
            assertThat(repo.staged().files()).extracting(FilePatch::path).containsExactly(FOO);
        }
    }

    @Test
    void aDamagedIndexIsOneLineAndNoStackTrace() throws Exception {
        Path index = work.resolve(".git/index");
        byte[] bytes = Files.readAllBytes(index);
        bytes[bytes.length / 2] ^= 0x5a;
        bytes[bytes.length / 2 + 1] ^= 0x5a;
        Files.write(index, java.util.Arrays.copyOf(bytes, bytes.length - 30));
        try (GitRepo repo = GitRepo.open(work)) {
            assertThatThrownBy(repo::staged)
                    .isInstanceOf(InputException.class)
                    .hasMessageStartingWith("cannot read the git index " + index + " (")
                    .hasMessageEndingWith("); run 'git status' to check the repository, or review a range or"
                            + " --patches instead");
        }
    }

    @Test
    void bareRepository() throws Exception {
        history();
        Path bare = tmp.resolve("linux.git");
        Git.cloneRepository().setBare(true).setURI(work.toUri().toString()).setDirectory(bare.toFile()).call().close();
        try (GitRepo repo = GitRepo.openGitDir(bare)) {
            assertThat(repo.range("base..master").patches()).hasSize(4);
            assertThat(repo.sourceFiles("master")).containsKey("kernel/trace/foo_events.c");
            assertThatThrownBy(repo::workTree)
                    .isInstanceOf(InputException.class)
                    .hasMessage("repository " + bare + " is bare and has no work tree; use --tree DIR");
            assertThatThrownBy(repo::staged)
                    .hasMessage("repository " + bare + " is bare and has no index; review a range or use --patches");
        }
    }

    @Test
    void shallowClone() throws Exception {
        history();
        Path shallow = tmp.resolve("shallow");
        Process p = new ProcessBuilder("git", "clone", "-q", "--depth", "1", work.toUri().toString(), shallow.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(output).isZero();
        try (GitRepo repo = GitRepo.open(shallow)) {
            assertThatThrownBy(() -> repo.range("HEAD~1..HEAD"))
                    .isInstanceOf(InputException.class)
                    .hasMessage("bad range 'HEAD~1..HEAD': unknown revision 'HEAD~1'; use A..B with commits of this"
                            + " repository");
            assertThat(repo.defaultRange().notes()).containsExactly("no commits to review in @{u}..HEAD");
            String tip = git.getRepository().resolve("HEAD").abbreviate(12).name();
            assertThatThrownBy(() -> repo.range("HEAD"))
                    .isInstanceOf(InputException.class)
                    .hasMessage("cannot review HEAD: the parent of commit " + tip + " was not fetched (shallow clone);"
                            + " fetch more history (git fetch --deepen=N) or give a range inside the fetched history");
        }
    }

    @Test
    void notARepository() throws Exception {
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        assertThatThrownBy(() -> GitRepo.openGitDir(plain))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("not a git repository: " + plain + " (")
                .hasMessageEndingWith("); run tpsync inside a git work tree");
    }

    @Test
    void workingFileOutsideIndexHasItsOwnId() throws Exception {
        write("kernel/x.c", "int x;\n");
        try (GitRepo repo = GitRepo.open(work)) {
            // git hash-object of "int x;\n"
            assertThat(repo.blobIdOfWorkingFile("kernel/x.c")).isEqualTo(Optional.of(
                    new org.eclipse.jgit.lib.ObjectInserter.Formatter().idFor(org.eclipse.jgit.lib.Constants.OBJ_BLOB,
                            "int x;\n".getBytes(StandardCharsets.US_ASCII)).name()));
        }
    }
}
