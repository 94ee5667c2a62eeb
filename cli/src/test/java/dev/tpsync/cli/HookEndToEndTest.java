package dev.tpsync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tpsync.cache.FactCache;
import dev.tpsync.cli.hook.PreCommitHook;
import dev.tpsync.cli.hook.WarmUpHooks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pre-commit hook end to end: installed in-process, run by a real {@code git commit}. The
 * hook starts tpsync as {@code java -cp <test class path> dev.tpsync.cli.Main}, because tests
 * run from classes, not from the jar (PreCommitHook.tpsyncCommand()).
 */
class HookEndToEndTest {

    private static final String EARLIER_HOOK = "#!/bin/sh\n# someone else's hook\necho earlier-hook-ran\nexit 0\n";

    @TempDir
    Path dir;

    private KernelRepo repo;
    private Path hooks;

    @BeforeEach
    void createRepository() {
        assumeTrue(KernelRepo.gitAvailable(), "git is not installed: skipping the pre-commit hook end-to-end tests");
        repo = KernelRepo.create(dir.resolve("linux"));
        hooks = repo.dir().resolve(".git/hooks");
    }

    private static CliRun tpsync(String... args) {
        return CliRun.of(args);
    }

    private void writeEarlierHook() throws IOException {
        writeHook(hooks.resolve("pre-commit"), EARLIER_HOOK, "rwxr-x---");
    }

    private static void writeHook(Path file, String script, String mode) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, script, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    }

    private void assumeDefaultHooksDirectory() {
        assumeTrue(repo.run("config", "--get", "core.hooksPath").exitCode() != 0,
            "core.hooksPath is set in the git configuration of this machine: skipping the .git/hooks test");
    }

    @Test
    void refusesAnExistingHookChainsItGatesCommitsAndUninstallRestoresIt() throws IOException {
        assumeDefaultHooksDirectory();
        writeEarlierHook();
        Path hook = hooks.resolve("pre-commit");
        byte[] earlier = Files.readAllBytes(hook);
        var earlierMode = Files.getPosixFilePermissions(hook);

        CliRun refused = tpsync("hook", "install", "-C", repo.dir().toString());
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(refused.err()).hasLineCount(1).contains("already exists").contains("--chain").contains("--force");
        assertThat(Files.readAllBytes(hook)).isEqualTo(earlier);

        CliRun installed = tpsync("hook", "install", "--chain", "-C", repo.dir().toString());
        assertThat(installed.exitCode()).as(installed.err()).isZero();
        assertThat(Files.readAllBytes(hooks.resolve(PreCommitHook.CHAINED))).isEqualTo(earlier);
        assertThat(Files.readString(hook)).contains(PreCommitHook.MARKER).contains("dev.tpsync.cli.Main review --staged");
        assertThat(Files.isExecutable(hook)).isTrue();

        repo.hazardousEdit();
        repo.git("add", "-A");
        KernelRepo.Result hazardous = repo.run("commit", "-m", "sched/idle: trace after entering idle");
        assertThat(hazardous.exitCode()).as(hazardous.output()).isNotZero();
        assertThat(hazardous.output())
            .contains("earlier-hook-ran")
            .contains("kernel/sched/idle.c:13:2: error: trace_cpu_idle_poll() is called where RCU is not watching")
            .contains("[lost-rcuidle]");
        assertThat(repo.git("log", "--format=%s")).doesNotContain("trace after entering idle");

        repo.git("reset", "-q", "--hard", "HEAD");
        repo.harmlessEdit();
        repo.git("add", "-A");
        KernelRepo.Result harmless = repo.run("commit", "-m", "sched/idle: count polls");
        assertThat(harmless.exitCode()).as(harmless.output()).isZero();
        assertThat(harmless.output()).contains("earlier-hook-ran").contains("no findings");
        assertThat(repo.git("log", "-1", "--format=%s").trim()).isEqualTo("sched/idle: count polls");

        CliRun removed = tpsync("hook", "uninstall", "-C", repo.dir().toString());
        assertThat(removed.exitCode()).as(removed.err()).isZero();
        assertThat(removed.out()).contains("restored the earlier one");
        assertThat(Files.readAllBytes(hook)).isEqualTo(earlier);
        assertThat(Files.getPosixFilePermissions(hook)).isEqualTo(earlierMode);
        assertThat(hooks.resolve(PreCommitHook.CHAINED)).doesNotExist();

        CliRun notOurs = tpsync("hook", "uninstall", "-C", repo.dir().toString());
        assertThat(notOurs.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(notOurs.err()).hasLineCount(1).contains("was not written by tpsync");
        assertThat(Files.readAllBytes(hook)).isEqualTo(earlier);
    }

    @Test
    void aFailingChainedHookStopsTheCommit() throws IOException {
        assumeDefaultHooksDirectory();
        writeHook(hooks.resolve("pre-commit"), "#!/bin/sh\necho earlier-hook-says-no\nexit 7\n", "rwxr-xr-x");
        assertThat(tpsync("hook", "install", "--chain", "-C", repo.dir().toString()).exitCode()).isZero();

        repo.harmlessEdit();
        repo.git("add", "-A");
        KernelRepo.Result commit = repo.run("commit", "-m", "sched/idle: count polls");

        assertThat(commit.exitCode()).isNotZero();
        assertThat(commit.output()).contains("earlier-hook-says-no").doesNotContain("no findings");
    }

    @Test
    void forceKeepsABackupThatUninstallRestores() throws IOException {
        assumeDefaultHooksDirectory();
        writeEarlierHook();
        byte[] earlier = Files.readAllBytes(hooks.resolve("pre-commit"));

        CliRun installed = tpsync("hook", "install", "--force", "-C", repo.dir().toString());
        assertThat(installed.exitCode()).as(installed.err()).isZero();
        assertThat(installed.out()).contains(PreCommitHook.BACKUP);
        assertThat(Files.readAllBytes(hooks.resolve(PreCommitHook.BACKUP))).isEqualTo(earlier);
        assertThat(Files.readString(hooks.resolve("pre-commit"))).doesNotContain(PreCommitHook.CHAINED);

        // Installing again over tpsync's own hook is fine and changes nothing else.
        assertThat(tpsync("hook", "install", "-C", repo.dir().toString()).exitCode()).isZero();

        assertThat(tpsync("hook", "uninstall", "-C", repo.dir().toString()).exitCode()).isZero();
        assertThat(Files.readAllBytes(hooks.resolve("pre-commit"))).isEqualTo(earlier);
        assertThat(hooks.resolve(PreCommitHook.BACKUP)).doesNotExist();
    }

    @Test
    void commitAllAndCommitOfAPathAreGatedOnTheIndexGitMakesForThem() {
        // git commit -a stages into .git/index.lock, git commit <path> into a temporary index of
        // its own; either way the hook is told which by GIT_INDEX_FILE, and tpsync reads that one.
        assumeDefaultHooksDirectory();
        CliRun installed = tpsync("hook", "install", "-C", repo.dir().toString());
        assertThat(installed.exitCode()).as(installed.err()).isZero();

        repo.hazardousEdit();
        KernelRepo.Result all = repo.run("commit", "-a", "-m", "sched/idle: trace after entering idle");
        assertThat(all.exitCode()).as(all.output()).isNotZero();
        assertThat(all.output()).contains("[lost-rcuidle]");
        KernelRepo.Result path = repo.run("commit", "-m", "sched/idle: trace after entering idle", KernelRepo.IDLE_C);
        assertThat(path.exitCode()).as(path.output()).isNotZero();
        assertThat(path.output()).contains("[lost-rcuidle]");
        assertThat(repo.git("log", "--format=%s")).doesNotContain("trace after entering idle");

        repo.git("checkout", "--", KernelRepo.IDLE_C);
        repo.harmlessEdit();
        KernelRepo.Result harmless = repo.run("commit", "-a", "-m", "sched/idle: count polls");
        assertThat(harmless.exitCode()).as(harmless.output()).isZero();
        assertThat(harmless.output()).contains("no findings");
    }

    @Test
    void uninstallWithoutAHookHasNothingToDo() {
        assumeDefaultHooksDirectory();
        CliRun run = tpsync("hook", "uninstall", "-C", repo.dir().toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("nothing to remove");
    }

    @Test
    void aBareRepositoryGetsNoHook() {
        Path bare = dir.resolve("linux.git");
        repo.git("clone", "-q", "--bare", repo.dir().toString(), bare.toString());

        CliRun installed = tpsync("hook", "install", "-C", bare.toString());

        assertThat(installed.exitCode()).isEqualTo(2);
        assertThat(installed.err()).isEqualTo("tpsync: " + bare + " is a bare repository: no commit is made there, so a"
            + " pre-commit hook would never run; install it in a clone or a worktree (git worktree add)"
            + System.lineSeparator());
        assertThat(bare.resolve("hooks/pre-commit")).doesNotExist();
    }

    @Test
    void followsCoreHooksPath() {
        repo.git("config", "core.hooksPath", "tools/githooks");

        CliRun installed = tpsync("hook", "install", "-C", repo.dir().resolve("kernel").toString());

        assertThat(installed.exitCode()).as(installed.err()).isZero();
        assertThat(PreCommitHook.isTpsyncHook(repo.dir().resolve("tools/githooks/pre-commit"))).isTrue();
        assertThat(hooks.resolve("pre-commit")).doesNotExist();
    }

    @Test
    void aLinkedWorktreeUsesTheSharedHooksAndItsCommitsAreGated() {
        assumeDefaultHooksDirectory();
        Path worktree = dir.resolve("linux-wt");
        repo.git("worktree", "add", "-q", "-b", "topic", worktree.toString());

        CliRun installed = tpsync("hook", "install", "-C", worktree.toString());

        assertThat(installed.exitCode()).as(installed.err()).isZero();
        assertThat(PreCommitHook.isTpsyncHook(hooks.resolve("pre-commit"))).isTrue();
        String idle = KernelRepo.IDLE + "";
        assertThat(idle).contains("\ttrace_cpu_idle_poll(smp_processor_id());\n\tct_idle_enter();\n");
        KernelRepo.Result commit = commitHazardIn(worktree);
        assertThat(commit.exitCode()).as(commit.output()).isNotZero();
        assertThat(commit.output()).contains("[lost-rcuidle]");
    }


    @Test
    void installWritesTheWarmUpHooksBesideThePreCommitHookAndUninstallRemovesThem() throws IOException {
        assumeDefaultHooksDirectory();
        CliRun installed = tpsync("hook", "install", "-C", repo.dir().toString());

        assertThat(installed.exitCode()).as(installed.err()).isZero();
        assertThat(installed.out().lines()).hasSize(1 + WarmUpHooks.HOOKS.size());
        for (String name : WarmUpHooks.HOOKS) {
            Path hook = hooks.resolve(name);
            assertThat(installed.out()).contains("installed the tpsync " + name + " hook: " + hook);
            assertThat(PreCommitHook.isTpsyncHook(hook)).as(name).isTrue();
            assertThat(Files.isExecutable(hook)).as(name).isTrue();
            assertThat(Files.readString(hook)).contains("dev.tpsync.cli.Main hook warm -q </dev/null >/dev/null 2>&1 &");
        }

        CliRun removed = tpsync("hook", "uninstall", "-C", repo.dir().toString());
        assertThat(removed.exitCode()).as(removed.err()).isZero();
        assertThat(removed.out().lines()).hasSize(1 + WarmUpHooks.HOOKS.size());
        WarmUpHooks.HOOKS.forEach(name -> assertThat(hooks.resolve(name)).doesNotExist());

        CliRun alone = tpsync("hook", "install", "--no-warm", "-C", repo.dir().toString());
        assertThat(alone.out().lines()).hasSize(1);
        WarmUpHooks.HOOKS.forEach(name -> assertThat(hooks.resolve(name)).doesNotExist());
    }

    @Test
    void anExistingWarmUpHookIsLeftAloneUnlessChainedAndUninstallRestoresIt() throws IOException {
        assumeDefaultHooksDirectory();
        Path postMerge = hooks.resolve("post-merge");
        writeHook(postMerge, "#!/bin/sh\necho earlier-post-merge-ran\nexit 3\n", "rwxr-x---");
        byte[] earlier = Files.readAllBytes(postMerge);

        CliRun plain = tpsync("hook", "install", "-C", repo.dir().toString());
        assertThat(plain.exitCode()).as(plain.err()).isZero();
        assertThat(plain.out()).contains("left the existing post-merge hook alone");
        assertThat(Files.readAllBytes(postMerge)).isEqualTo(earlier);
        assertThat(PreCommitHook.isTpsyncHook(hooks.resolve("post-checkout"))).isTrue();

        CliRun chained = tpsync("hook", "install", "--chain", "-C", repo.dir().toString());
        assertThat(chained.exitCode()).as(chained.err()).isZero();
        assertThat(Files.readAllBytes(hooks.resolve("post-merge.tpsync-chained"))).isEqualTo(earlier);
        assertThat(PreCommitHook.isTpsyncHook(postMerge)).isTrue();

        CliRun removed = tpsync("hook", "uninstall", "-C", repo.dir().toString());
        assertThat(removed.exitCode()).as(removed.err()).isZero();
        assertThat(removed.out()).contains("removed the tpsync post-merge hook and restored the earlier one");
        assertThat(Files.readAllBytes(postMerge)).isEqualTo(earlier);
        assertThat(hooks.resolve("post-merge.tpsync-chained")).doesNotExist();
    }

    @Test
    void aChainedWarmUpHookRunsFirstAndItsStatusIsTheHooks() throws Exception {
        Path ran = dir.resolve("ran");
        Path hook = standInWarmUpHook("post-checkout", ran);

        // A checkout of files ($3 = 0) runs the chained hook only; one of a branch ($3 = 1) warms too.
        assertThat(runHook(hook, "a", "b", "0")).isEqualTo(5);
        assertThat(runHook(hook, "a", "b", "1")).isEqualTo(5);

        assertThat(linesOnceThere(ran, 3)).containsExactlyInAnyOrder("chained a b 0", "chained a b 1",
            "tpsync hook warm -q");
    }

    @Test
    void inTheMiddleOfARebaseOnlyPostRewriteWarms() throws Exception {
        Path ran = dir.resolve("ran");
        Path checkout = standInWarmUpHook("post-checkout", ran);
        Path commit = standInWarmUpHook("post-commit", ran);
        Path rewrite = standInWarmUpHook("post-rewrite", ran);
        Files.createDirectories(repo.dir().resolve(".git/rebase-merge"));

        runHook(checkout, "a", "b", "1");
        runHook(commit);
        // git runs post-rewrite as a rebase ends, before it removes its state directory.
        runHook(rewrite, "rebase");

        assertThat(linesOnceThere(ran, 4)).containsExactlyInAnyOrder("chained a b 1", "chained ", "chained rebase",
            "tpsync hook warm -q");
    }

    /** Hook {@code name} as tpsync writes it, chaining one that notes its arguments in {@code ran}, with a shell noting them there for tpsync. */
    private Path standInWarmUpHook(String name, Path ran) throws IOException {
        Path hooksDir = dir.resolve("hooks");
        writeHook(hooksDir.resolve(name + ".tpsync-chained"),
            "#!/bin/sh\necho \"chained $*\" >> '" + ran + "'\nexit 5\n", "rwxr-xr-x");
        Path hook = hooksDir.resolve(name);
        writeHook(hook, WarmUpHooks.script(name, List.of("sh", "-c", "echo \"tpsync $*\" >> '" + ran + "'", "tpsync"),
            true), "rwxr-xr-x");
        return hook;
    }

    /** Runs {@code hook} as git does, from the top of the work tree; returns its exit status. */
    private int runHook(Path hook, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(hook.toString()));
        command.addAll(List.of(args));
        ProcessBuilder process = new ProcessBuilder(command).directory(repo.dir().toFile());
        process.environment().keySet().removeIf(k -> k.startsWith("GIT_"));
        return process.start().waitFor();
    }

    /** The lines of {@code file} once it has {@code count} (the stand-in runs in the background), or after 30 s. */
    private static List<String> linesOnceThere(Path file, int count) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while ((!Files.exists(file) || Files.readAllLines(file).size() < count) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(100); // and no more than those
        return Files.readAllLines(file);
    }

    @Test
    void aBranchCheckoutWarmsTheCacheInTheBackgroundForTheNextCommit() throws Exception {
        assumeDefaultHooksDirectory();
        assertThat(tpsync("hook", "install", "-C", repo.dir().toString()).exitCode()).isZero();
        String tree = repo.git("rev-parse", "HEAD^{tree}").trim();
        Path summarised = FactCache.forTree(repo.dir()).root().resolve(FactCache.forTree(repo.dir()).version())
            .resolve("summaries/summarised-trees");

        repo.git("checkout", "-q", "-b", "topic");

        // The hook returned at once; the warm-up runs on. Its summary is noted, then its slice
        // kept, under the lock: an in-process warm-up finds it done once the lock is free.
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!(Files.exists(summarised) && Files.readAllLines(summarised).contains(tree))
            && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(summarised).exists();
        assertThat(Files.readAllLines(summarised)).contains(tree);
        CliRun again;
        do {
            Thread.sleep(50);
            again = tpsync("hook", "warm", "-C", repo.dir().toString());
        } while (again.out().contains("another 'tpsync hook warm'") && System.nanoTime() < deadline);
        assertThat(again.out()).contains("the cache holds HEAD's tree " + tree.substring(0, 12) + " already");

        repo.hazardousEdit();
        repo.git("add", "-A");
        CliRun hook = tpsync("review", "--staged", "-v", "-C", repo.dir().toString());
        assertThat(hook.err()).contains("tpsync: summary").doesNotContain("tpsync: facts");
        assertThat(hook.out()).contains("[lost-rcuidle]");
    }

    private KernelRepo.Result commitHazardIn(Path worktree) {
        Path file = worktree.resolve(KernelRepo.IDLE_C);
        try {
            String text = Files.readString(file);
            Files.writeString(file, text.replace("\ttrace_cpu_idle_poll(smp_processor_id());\n\tct_idle_enter();\n",
                "\tct_idle_enter();\n\ttrace_cpu_idle_poll(smp_processor_id());\n"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        repo.git("-C", worktree.toString(), "add", "-A");
        return repo.run("-C", worktree.toString(), "commit", "-m", "sched/idle: trace after entering idle");
    }
}
