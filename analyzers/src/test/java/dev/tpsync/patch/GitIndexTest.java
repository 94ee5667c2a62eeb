package dev.tpsync.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tpsync.input.InputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tpsync's own index reader against the two it stands in for: each staged change (the diff
 * text) equals the one JGit writes from its full index walk, and the index's tree id equals
 * what {@code git write-tree} says, over the changes a commit can stage and the index versions
 * git writes.
 */
class GitIndexTest {

    @TempDir
    Path tmp;
    Path work;

    @BeforeEach
    void repositoryWithNestedDirectories() throws Exception {
        work = tmp.resolve("linux");
        Files.createDirectories(work);
        git("init", "-q", "-b", "master");
        git("config", "user.name", "Steven Rostedt");
        git("config", "user.email", "rostedt@goodmis.org");
        write("kernel/trace/trace_preemptirq.c", "void trace_hardirqs_on(void)\n{\n\ttrace_irq_enable_rcuidle(0, 0);\n}\n");
        write("kernel/trace/trace.h", "#define TRACE_H\n");
        write("kernel/sched/idle.c", "void do_idle(void)\n{\n\tct_idle_enter();\n}\n");
        write("kernel/sched.c", "int sched;\n");
        write("kernel.c", "int k;\n");
        write("drivers/char/mem.c", "static int mem;\n");
        write("drivers/char/random.c", "static int pool;\n");
        write("include/linux/tracepoint.h", "#define DECLARE_TRACE(name)\n");
        write("README", "Linux kernel\n");
        git("add", "-A");
        git("commit", "-qm", "base");
    }

    @Test
    void aChangeDeepInTheTreeWithTheCacheTreeValidElsewhere() throws Exception {
        write("kernel/trace/trace_preemptirq.c",
            "void trace_hardirqs_on(void)\n{\n\ttrace_irq_enable(0, 0);\n}\n");
        git("add", "kernel/trace/trace_preemptirq.c");
        assertSameAsJGitAndGit(1);
    }

    @Test
    void addsDeletesAndWholeDirectories() throws Exception {
        write("kernel/rcu/tree.c", "void rcu_note_context_switch(void);\n");
        write("drivers/misc/new.c", "int n;\n");
        git("rm", "-q", "-r", "drivers/char", "kernel.c");
        git("add", "-A");
        assertSameAsJGitAndGit(5);
    }

    @Test
    void renamesModesSymlinksAndAFileBecomingADirectory() throws Exception {
        git("mv", "kernel/sched/idle.c", "kernel/sched/idle_loop.c");
        Files.setPosixFilePermissions(work.resolve("README"), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.delete(work.resolve("kernel/sched.c"));
        write("kernel/sched.c/core.c", "int core;\n");
        Files.delete(work.resolve("drivers/char/random.c"));
        Files.createSymbolicLink(work.resolve("drivers/char/random.c"), Path.of("mem.c"));
        git("add", "-A");
        Patch staged = staged();
        assertThat(staged.diffText()).contains("rename from kernel/sched/idle.c", "old mode 100644",
            "new file mode 120000", "kernel/sched.c/core.c");
        assertSameAsJGitAndGit(6);
    }

    @Test
    void indexVersionsThreeAndFour() throws Exception {
        write("kernel/trace/trace.h", "#define TRACE_H 1\n");
        write("kernel/trace/trace_events.c", "int events;\n");
        git("add", "kernel/trace/trace.h");
        git("add", "-N", "kernel/trace/trace_events.c");
        assertSameAsJGitAndGit(2);
        git("update-index", "--index-version", "4");
        assertThat(Files.readAllBytes(work.resolve(".git/index"))[7]).isEqualTo((byte) 4);
        assertSameAsJGitAndGit(2);
        try (GitRepo repo = GitRepo.open(work)) {
            GitIndex v4 = GitIndex.parse(Files.readAllBytes(work.resolve(".git/index")), true);
            git("update-index", "--index-version", "3");
            GitIndex v3 = GitIndex.parse(Files.readAllBytes(work.resolve(".git/index")), true);
            assertThat(v4.entries()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("rawPath")
                .isEqualTo(v3.entries());
            assertThat(v4.entries().stream().map(GitIndex.Entry::path).toList())
                .isEqualTo(v3.entries().stream().map(GitIndex.Entry::path).toList())
                .contains("kernel/trace/trace_events.c");
            assertThat(v3.entries()).filteredOn(GitIndex.Entry::intentToAdd).extracting(GitIndex.Entry::path)
                .containsExactly("kernel/trace/trace_events.c");
            GitIndex mapped = GitIndex.read(work.resolve(".git/index"), true);
            assertThat(mapped.entries()).usingRecursiveFieldByFieldElementComparator().isEqualTo(v3.entries());
        }
    }

    @Test
    void anIndexWithoutCacheTreeIsWalkedWhole() throws Exception {
        write("kernel/sched/idle.c", "void do_idle(void)\n{\n\tct_idle_exit();\n}\n");
        // JGit's add drops the cache-tree extension it does not maintain.
        try (org.eclipse.jgit.api.Git jgit = org.eclipse.jgit.api.Git.open(work.toFile())) {
            jgit.add().addFilepattern("kernel/sched/idle.c").call();
        }
        GitIndex index = GitIndex.parse(Files.readAllBytes(work.resolve(".git/index")), true);
        assertThat(index.cachedTree(index.cacheRoot())).isEmpty();
        assertSameAsJGitAndGit(1);
    }

    @Test
    void aDirectoryTheCacheTreeNoLongerNamesIsHashedFromTheIndexNotReadFromHead() throws Exception {
        // 'git add' of a file as it was (a racily clean one after a checkout, say) clears the
        // cache-tree entries above it: a fresh worktree of a kernel can have ~800 such directories.
        String mem = gitOutput("rev-parse", "HEAD:drivers/char/mem.c");
        git("update-index", "--cacheinfo", "100644," + mem + ",drivers/char/mem.c");
        write("kernel/trace/trace_preemptirq.c", "void trace_hardirqs_on(void)\n{\n\ttrace_irq_enable(0, 0);\n}\n");
        git("add", "kernel/trace/trace_preemptirq.c");
        GitIndex index = GitIndex.parse(Files.readAllBytes(work.resolve(".git/index")), true);
        int drivers = index.cacheChild(index.cacheRoot(), "drivers".getBytes(StandardCharsets.US_ASCII));
        assertThat(index.cachedTree(drivers)).isEmpty();

        // HEAD's tree of drivers/ is not read: the staged change is found without it.
        Path object = looseObject(gitOutput("rev-parse", "HEAD:drivers"));
        byte[] saved = Files.readAllBytes(object);
        Files.delete(object);
        Patch staged = staged();
        Files.write(object, saved);

        assertThat(staged.files()).extracting(FilePatch::newPath).containsExactly("kernel/trace/trace_preemptirq.c");
        assertSameAsJGitAndGit(1);
    }

    @Test
    void diffAttributesChooseTheHunkHeadersAsJGitDoes() throws Exception {
        write(".gitattributes", "*.c diff=cpp\n");
        write("kernel/sched/idle.c", "void do_idle(void)\n{\n\tint a;\n\tint b;\n\tint c;\n\tint d;\n\tint e;\n"
            + "\tct_idle_enter();\n}\n");
        git("add", "-A");
        git("commit", "-qm", "attributes");
        write("kernel/sched/idle.c", Files.readString(work.resolve("kernel/sched/idle.c")).replace("enter", "exit"));
        git("add", "-A");
        assertSameAsJGitAndGit(1);
    }

    @Test
    void nothingStagedIsAnEmptyDiffAndHeadsTree() throws Exception {
        assertSameAsJGitAndGit(0);
        try (GitRepo repo = GitRepo.open(work)) {
            assertThat(repo.indexTree()).contains(gitOutput("rev-parse", "HEAD^{tree}"));
        }
    }

    @Test
    void anUnmergedIndexIsRefusedWithWhatToDo() throws Exception {
        git("checkout", "-q", "-b", "side");
        write("kernel.c", "int side;\n");
        git("commit", "-qam", "side");
        git("checkout", "-q", "master");
        write("kernel.c", "int master;\n");
        git("commit", "-qam", "master");
        new ProcessBuilder("git", "merge", "-q", "side").directory(work.toFile()).redirectErrorStream(true).start()
            .waitFor();
        try (GitRepo repo = GitRepo.open(work)) {
            assertThat(repo.indexTree()).isEmpty();
            assertThatThrownBy(repo::staged).isInstanceOf(InputException.class)
                .hasMessage("the index has unmerged paths (kernel.c); resolve the conflicts and 'git add' the"
                    + " result, then review the staged change");
        }
    }

    @Test
    void damageIsAnIOExceptionAndTheTrailerIsCheckedOnlyWhenAsked() throws Exception {
        byte[] bytes = Files.readAllBytes(work.resolve(".git/index"));
        assertThatThrownBy(() -> GitIndex.parse(Arrays.copyOf(bytes, 40), false)).isInstanceOf(IOException.class);
        byte[] version = bytes.clone();
        version[7] = 9;
        assertThatThrownBy(() -> GitIndex.parse(version, false)).isInstanceOf(IOException.class)
            .hasMessage("index version 9 is not one git writes (2 to 4)");
        byte[] flipped = bytes.clone();
        int id = 12 + 40;
        flipped[id] ^= 1;
        assertThat(GitIndex.parse(flipped, false).entry(0).id()).isNotEqualTo(GitIndex.parse(bytes, true).entry(0).id());
        assertThatThrownBy(() -> GitIndex.parse(flipped, true)).isInstanceOf(IOException.class)
            .hasMessage("the index checksum does not match its content");
        // index.skipHash: git leaves the trailer zero and nothing is checked.
        Arrays.fill(flipped, flipped.length - 20, flipped.length, (byte) 0);
        assertThat(GitIndex.parse(flipped, true).size()).isEqualTo(9);
    }

    @Test
    void theOptionalExtensionsGitWritesAreSteppedOver() throws Exception {
        // The untracked cache (UNTR) and an fsmonitor token (FSMN, from a hook that says
        // nothing changed), as core.untrackedCache and core.fsmonitor make git write them.
        Path fsmonitor = tmp.resolve("fsmonitor-hook");
        Files.writeString(fsmonitor, "#!/bin/sh\nprintf 'token\\0'\n");
        assertThat(fsmonitor.toFile().setExecutable(true)).isTrue();
        git("config", "core.untrackedCache", "true");
        git("config", "core.fsmonitor", fsmonitor.toString());
        git("config", "core.fsmonitorHookVersion", "2");
        write("kernel/sched/idle.c", "void do_idle(void)\n{\n\tct_idle_exit();\n}\n");
        git("add", "kernel/sched/idle.c");
        git("update-index", "--untracked-cache");
        git("status", "--porcelain");
        byte[] bytes = Files.readAllBytes(work.resolve(".git/index"));
        assertThat(indexOf(bytes, "UNTR".getBytes(StandardCharsets.US_ASCII))).as("git wrote UNTR").isPositive();
        assertThat(indexOf(bytes, "FSMN".getBytes(StandardCharsets.US_ASCII))).as("git wrote FSMN").isPositive();

        assertSameAsJGitAndGit(1);
    }

    @Test
    void anExtensionGitSaysAReaderMustKnowIsRefusedInOneLine() throws Exception {
        Path index = work.resolve(".git/index");
        byte[] bytes = Files.readAllBytes(index);
        ByteArrayOutputStream withIt = new ByteArrayOutputStream();
        withIt.write(bytes, 0, bytes.length - 20);
        withIt.writeBytes(new byte[] {'a', 'b', 'c', 'd', 0, 0, 0, 0});
        withIt.writeBytes(new byte[20]); // index.skipHash: no trailer to keep right
        Files.write(index, withIt.toByteArray());
        try (GitRepo repo = GitRepo.open(work)) {
            assertThatThrownBy(repo::staged).isInstanceOf(InputException.class)
                .hasMessage("cannot read the git index " + index + " (the index needs extension 'abcd', which tpsync"
                    + " does not read); run 'git status' to check the repository, or review a range or --patches"
                    + " instead");
        }
    }

    @Test
    void aDamagedCacheTreeIsAnIOException() throws Exception {
        byte[] bytes = Files.readAllBytes(work.resolve(".git/index"));
        int tree = indexOf(bytes, "TREE".getBytes(StandardCharsets.US_ASCII));
        assertThat(tree).as("git wrote a cache tree").isPositive();
        byte[] damaged = bytes.clone();
        // The root's entry count, just after its empty name: no longer a number.
        damaged[tree + 8 + 1] = 'x';
        assertThatThrownBy(() -> GitIndex.parse(damaged, false)).isInstanceOf(IOException.class)
            .hasMessage("a damaged cache-tree extension");
    }

    private static int indexOf(byte[] bytes, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= bytes.length; i++) {
            for (int k = 0; k < what.length; k++) {
                if (bytes[i + k] != what[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The staged diff as JGit's full walk writes it, and the index tree as git writes it. */
    private void assertSameAsJGitAndGit(int changedFiles) throws Exception {
        Patch staged = staged();
        assertThat(staged.diffText()).isEqualTo(jgitStagedDiff());
        assertThat(staged.files()).hasSize(changedFiles);
        try (GitRepo repo = GitRepo.open(work)) {
            assertThat(repo.indexTree()).contains(gitOutput("write-tree"));
        }
    }

    private Patch staged() {
        try (GitRepo repo = GitRepo.open(work)) {
            return repo.staged();
        }
    }

    private String jgitStagedDiff() throws IOException {
        try (Repository repo = new FileRepositoryBuilder().setWorkTree(work.toFile()).build();
             ObjectReader reader = repo.newObjectReader()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (DiffFormatter f = new DiffFormatter(out)) {
                f.setRepository(repo);
                f.setDetectRenames(true);
                f.setDiffComparator(RawTextComparator.DEFAULT);
                f.format(new CanonicalTreeParser(null, reader, repo.resolve("HEAD^{tree}")),
                    new DirCacheIterator(repo.readDirCache()));
            }
            return out.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private Path looseObject(String id) {
        return work.resolve(".git/objects").resolve(id.substring(0, 2)).resolve(id.substring(2));
    }

    private void write(String path, String content) throws IOException {
        Path f = work.resolve(path);
        Files.createDirectories(f.getParent());
        Files.writeString(f, content, StandardCharsets.ISO_8859_1);
    }

    private void git(String... args) throws Exception {
        gitOutput(args);
    }

    /** Runs git in the work tree; the test fails with git's output if git does. */
    private String gitOutput(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(output).isZero();
        return output.strip();
    }
}
