package dev.tpsync.cli.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.cache.ContextSlices;
import dev.tpsync.cache.ContextSummaries;
import dev.tpsync.cache.DefinitionIndex;
import dev.tpsync.cache.DefinitionIndexes;
import dev.tpsync.cache.FactCache;
import dev.tpsync.cache.WarmUpLock;
import dev.tpsync.cache.WiderSlices;
import dev.tpsync.cli.CliRun;
import dev.tpsync.cli.ExitCodes;
import dev.tpsync.cli.KernelRepo;
import dev.tpsync.cli.review.SeriesReview.Warmth;
import dev.tpsync.model.ContextSlice;
import dev.tpsync.model.ContextSpec;
import dev.tpsync.model.ContextSummary;
import dev.tpsync.model.Contexts;
import dev.tpsync.model.ModelBuilder;
import dev.tpsync.patch.GitRepo;
import dev.tpsync.rules.engine.Phases;
import dev.tpsync.source.ParallelParser;
import dev.tpsync.source.SourceTree;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tpsync hook warm}: HEAD's tree loaded into the cache ahead of the pre-commit hook's first run. */
class CacheWarmUpTest {

    @TempDir
    Path dir;

    private KernelRepo repo;

    @BeforeEach
    void createRepository() {
        assumeTrue(KernelRepo.gitAvailable(), "git is not installed: skipping the warm-up tests");
        repo = KernelRepo.create(dir.resolve("linux"));
    }

    private static CliRun tpsync(String... args) {
        return CliRun.of(args);
    }

    private CacheWarmUp.Outcome warm() {
        return new CacheWarmUp(2, new PrintWriter(new StringWriter()), true, Phases.NONE).run(repo.dir());
    }

    private String headTree() {
        return repo.git("rev-parse", "HEAD^{tree}").trim();
    }

    @Test
    void warmsHeadOnceAndThenFindsItWarm() {
        CacheWarmUp.Outcome first = warm();

        assertThat(first.locked()).isFalse();
        assertThat(first.rounds()).extracting(CacheWarmUp.Round::tree, CacheWarmUp.Round::warmth)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(headTree(), Warmth.WARMED));
        assertThat(warm().rounds()).extracting(CacheWarmUp.Round::warmth).containsExactly(Warmth.ALREADY);
    }

    @Test
    void aWarmUpOverADamagedSummaryOrSliceMakesThemAnewRatherThanFindHeadWarm() throws IOException {
        warm();
        try (var files = Files.walk(repo.dir().resolve(".git/tpsync/cache"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".summary") || f.toString().endsWith(".slice"))
                .toList()) {
                Files.writeString(f, "garbage\n");
            }
        }

        assertThat(warm().rounds()).extracting(CacheWarmUp.Round::warmth).doesNotContain(Warmth.ALREADY);
        assertThat(warm().rounds()).extracting(CacheWarmUp.Round::warmth).containsExactly(Warmth.ALREADY);
    }

    @Test
    void theHookRunAfterAWarmUpStartsFromTheSummaryAndFindsWhatALoadedTreeFinds() {
        CliRun warmed = tpsync("hook", "warm", "-C", repo.dir().toString());
        assertThat(warmed.exitCode()).as(warmed.err()).isZero();
        assertThat(warmed.out()).startsWith("warmed the cache for HEAD's tree " + headTree().substring(0, 12));

        repo.hazardousEdit();
        repo.git("add", "-A");
        CliRun hook = tpsync("review", "--staged", "-v", "--format", "json", "-C", repo.dir().toString());
        CliRun loaded = tpsync("review", "--staged", "--no-cache", "--format", "json", "-C", repo.dir().toString());

        // -v names each phase: the whole tree's facts are never loaded, the base's summary is read.
        assertThat(hook.err()).contains("tpsync: summary").doesNotContain("tpsync: facts");
        assertThat(hook.exitCode()).isEqualTo(loaded.exitCode()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(hook.out()).isEqualTo(loaded.out()).contains("lost-rcuidle");
    }

    @Test
    void removesTheCacheOfAnotherVersionNoRunWroteToForTwoWeeks() throws IOException {
        Path root = FactCache.forTree(repo.dir()).root();
        Path stale = Files.createDirectories(root.resolve("facts-v0-0123456789ab/objects/ab"));
        Files.writeString(stale.resolve("cd"), "facts of an older parser");
        Path inUse = Files.createDirectories(root.resolve("facts-v0-ba9876543210/objects/ab"));
        Files.writeString(inUse.resolve("cd"), "facts of a build in use beside this one");
        java.nio.file.attribute.FileTime month = java.nio.file.attribute.FileTime.from(
            java.time.Instant.now().minus(java.time.Duration.ofDays(30)));
        try (java.util.stream.Stream<Path> all = Files.walk(root.resolve("facts-v0-0123456789ab"))) {
            for (Path p : all.toList()) {
                Files.setLastModifiedTime(p, month);
            }
        }

        CliRun warmed = tpsync("hook", "warm", "-C", repo.dir().toString());

        assertThat(warmed.exitCode()).as(warmed.err()).isZero();
        assertThat(warmed.out()).contains("removed " + root.resolve("facts-v0-0123456789ab")
            + " (0 MiB): the cache of another tpsync version, unused for more than 14 days");
        assertThat(root.resolve("facts-v0-0123456789ab")).doesNotExist();
        assertThat(inUse.resolve("cd")).exists();
        assertThat(tpsync("cache", "stats", repo.dir().toString()).out())
            .contains("of which facts-v0-ba9876543210 (another tpsync version, last written ");
    }

    @Test
    void aRegionCallOfWhatNoReachedCodeCallsIsJudgedOnAWiderSliceAsOnTheTree() {
        repo.write("lib/notify.c", "void notify_listeners(void)\n{\n\ttrace_cpu_idle_poll(0);\n\tnotify_deeper();\n}\n");
        repo.write("lib/deeper.c", "void notify_deeper(void)\n{\n\tnotify_count++;\n}\n");
        // A static namesake elsewhere: the wider slice takes every definition of a name, and what
        // each calls (other_only()), which the tree after the change does not reach.
        repo.write("drivers/misc/other.c", "static void notify_deeper(void)\n{\n\tother_only();\n}\n");
        repo.write("lib/other_only.c", "void other_only(void)\n{\n}\n");
        repo.git("add", "-A");
        repo.git("commit", "-q", "-m", "lib: listeners");
        assertThat(tpsync("hook", "warm", "-C", repo.dir().toString()).exitCode()).isZero();
        String idle = repo.read(KernelRepo.IDLE_C);
        repo.write(KernelRepo.IDLE_C, idle.replace("\tlocal_irq_enable();\n", "\tnotify_listeners();\n\tlocal_irq_enable();\n"));
        repo.git("add", "-A");

        CliRun hook = tpsync("review", "--staged", "-v", "--format", "json", "-C", repo.dir().toString());
        CliRun loaded = tpsync("review", "--staged", "--no-cache", "--format", "json", "-C", repo.dir().toString());
        CliRun again = tpsync("review", "--staged", "-v", "--format", "json", "-C", repo.dir().toString());

        // The definitions the slice lacks are found through the index the warm-up kept: the tree's
        // facts are not read, its graph is not loaded.
        assertThat(hook.err()).contains("tpsync: definition index", "tpsync: wider slice")
            .doesNotContain("tpsync: facts", "tpsync: slice of tree");
        // The call the touched file shows was foreseen: the slice was widened by it before the
        // one review on a slice.
        assertThat(hook.err().lines().filter(line -> line.matches("tpsync: slice +\\d+ ms"))).hasSize(1);
        assertThat(hook.exitCode()).isEqualTo(loaded.exitCode());
        assertThat(hook.out()).isEqualTo(loaded.out()).contains("lost-rcuidle", "notify_listeners");
        // HEAD's wider slice was kept: the run again (a finding mended, say) reads no facts.
        assertThat(again.err()).doesNotContain("tpsync: facts");
        assertThat(again.out()).isEqualTo(loaded.out());
        // Kept apart from HEAD's own slice, which a run for another change starts from.
        FactCache cache = FactCache.forTree(repo.dir());
        ContextSpec spec = ContextSpec.kernelDefaults();
        ContextSlice own = ContextSlices.of(cache).read(headTree(), spec).orElseThrow();
        assertThat(own.files()).doesNotContainKey("lib/notify.c");
        assertThat(WiderSlices.of(cache).read(headTree(), spec, own).orElseThrow().files())
            .containsKeys("lib/notify.c", "lib/deeper.c", "lib/other_only.c");
        // The commit's tree keeps the slice the tree after the change needs, as slicing it makes it.
        ContextSlice kept = ContextSlices.of(cache).read(repo.git("write-tree").trim(), spec).orElseThrow();
        SourceTree tree = SourceTree.open(repo.dir());
        List<FileFacts> facts = new ParallelParser(1).parseAll(tree.sourceFiles(), ParallelParser.fromDisk(tree),
            done -> { });
        ContextSlice sliced = ContextSlice.of(Contexts.compute(ModelBuilder.build(facts, spec)),
            path -> Optional.of(kept.files().getOrDefault(path, "none"))).orElseThrow();
        assertThat(kept.files()).isEqualTo(sliced.files()).containsKey("lib/deeper.c")
            .doesNotContainKey("lib/other_only.c");
        assertThat(kept.reachedCallees()).isEqualTo(sliced.reachedCallees());
        assertThat(kept.facts()).isEqualTo(sliced.facts());
    }

    @Test
    void aWiderSliceOnTheCommitsAfterTheWarmUpReadsTheFilesChangedSinceFromTheTreeAndTheRestFromTheIndex() {
        repo.write("lib/notify.c", "void notify_listeners(void)\n{\n\ttrace_cpu_idle_poll(0);\n}\n");
        repo.git("add", "-A");
        repo.git("commit", "-q", "-m", "lib: listeners");
        assertThat(tpsync("hook", "warm", "-C", repo.dir().toString()).exitCode()).isZero();
        String warmedTree = headTree();
        // Committed after the warm-up, through the hook (which keeps the summary of the commit's
        // tree): a file the index knows changed, and one it does not know.
        repo.write("lib/notify.c", "void notify_listeners(void)\n{\n\ttrace_cpu_idle_poll(0);\n\tnotify_deeper();\n}\n");
        repo.write("lib/deeper.c", "void notify_deeper(void)\n{\n\tnotify_count++;\n}\n");
        repo.git("add", "-A");
        assertThat(tpsync("review", "--staged", "-C", repo.dir().toString()).exitCode()).isZero();
        repo.git("commit", "-q", "-m", "lib: deeper listeners");
        String idle = repo.read(KernelRepo.IDLE_C);
        repo.write(KernelRepo.IDLE_C, idle.replace("\tlocal_irq_enable();\n", "\tnotify_listeners();\n\tlocal_irq_enable();\n"));
        repo.git("add", "-A");

        CliRun hook = tpsync("review", "--staged", "-v", "--format", "json", "-C", repo.dir().toString());
        CliRun loaded = tpsync("review", "--staged", "--no-cache", "--format", "json", "-C", repo.dir().toString());

        assertThat(hook.err()).contains("tpsync: definition index", "tpsync: wider slice")
            .doesNotContain("tpsync: facts", "tpsync: keep definition index");
        assertThat(hook.exitCode()).isEqualTo(loaded.exitCode());
        assertThat(hook.out()).isEqualTo(loaded.out()).contains("lost-rcuidle", "notify_listeners");
        FactCache cache = FactCache.forTree(repo.dir());
        assertThat(DefinitionIndexes.of(cache).newest(ContextSpec.kernelDefaults())).map(DefinitionIndex::tree)
            .contains(warmedTree);
        ContextSpec spec = ContextSpec.kernelDefaults();
        ContextSlice own = ContextSlices.of(cache).read(headTree(), spec).orElseThrow();
        assertThat(WiderSlices.of(cache).read(headTree(), spec, own).orElseThrow().files())
            .containsKeys("lib/notify.c", "lib/deeper.c");
    }

    @Test
    void withoutADefinitionIndexTheFirstWideningReadsTheTreesFactsAndKeepsOneForTheNext() throws IOException {
        repo.write("lib/notify.c", "void notify_listeners(void)\n{\n\ttrace_cpu_idle_poll(0);\n}\n");
        repo.git("add", "-A");
        repo.git("commit", "-q", "-m", "lib: listeners");
        assertThat(tpsync("hook", "warm", "-C", repo.dir().toString()).exitCode()).isZero();
        FactCache cache = FactCache.forTree(repo.dir());
        Path indexes = cache.root().resolve(cache.version()).resolve("definitions");
        try (java.util.stream.Stream<Path> kept = Files.list(indexes)) {
            for (Path p : kept.toList()) {
                Files.delete(p);
            }
        }
        String idle = repo.read(KernelRepo.IDLE_C);
        repo.write(KernelRepo.IDLE_C, idle.replace("\tlocal_irq_enable();\n", "\tnotify_listeners();\n\tlocal_irq_enable();\n"));
        repo.git("add", "-A");

        CliRun first = tpsync("review", "--staged", "-v", "--format", "json", "-C", repo.dir().toString());
        // The wider slice the first run kept gone too: the run again widens anew.
        Path wider = cache.root().resolve(cache.version()).resolve("wider-slices");
        try (java.util.stream.Stream<Path> kept = Files.list(wider)) {
            for (Path p : kept.toList()) {
                Files.delete(p);
            }
        }
        CliRun next = tpsync("review", "--staged", "-v", "--format", "json", "-C", repo.dir().toString());
        CliRun loaded = tpsync("review", "--staged", "--no-cache", "--format", "json", "-C", repo.dir().toString());

        assertThat(first.err()).contains("tpsync: facts", "tpsync: keep definition index", "tpsync: wider slice");
        assertThat(next.err()).contains("tpsync: definition index").doesNotContain("tpsync: facts");
        assertThat(next.out()).isEqualTo(loaded.out());
    }

    @Test
    void aSleepingCallCommittedToReachedCodeLeavesTheTreesOwnSummarySoTheNextCommitIsJudgedOnTheSlice() {
        String idle = repo.read(KernelRepo.IDLE_C);
        repo.write(KernelRepo.IDLE_C, idle.replace("\tlocal_irq_enable();\n", "\tnotify_listeners();\n\tlocal_irq_enable();\n"));
        repo.write("lib/notify.c", "void notify_listeners(void)\n{\n\tnotify_deeper();\n}\n");
        repo.write("lib/deeper.c", "void notify_deeper(void)\n{\n\tnotify_count++;\n}\n");
        repo.git("add", "-A");
        repo.git("commit", "-q", "-m", "lib: listeners called while RCU is not watching");
        assertThat(tpsync("hook", "warm", "-C", repo.dir().toString()).exitCode()).isZero();
        // The review reports nothing of it and searches on past it, to notify_deeper(); the tree
        // after, searched alone, stops at notify_listeners(), which now sleeps.
        repo.write("lib/notify.c", "void notify_listeners(void)\n{\n\tmight_sleep();\n\tnotify_deeper();\n}\n");
        repo.git("add", "-A");
        assertThat(tpsync("review", "--staged", "-C", repo.dir().toString()).exitCode())
            .isIn(ExitCodes.OK, ExitCodes.FINDINGS);
        repo.git("commit", "-q", "-m", "lib: listeners sleep");
        repo.write(KernelRepo.IDLE_C, repo.read(KernelRepo.IDLE_C).replace("\tidle_polls++;\n",
            "\tidle_polls++;\n\tcpu_relax();\n"));
        repo.git("add", "-A");

        CliRun hook = tpsync("review", "--staged", "-v", "--format", "json", "-C", repo.dir().toString());
        CliRun loaded = tpsync("review", "--staged", "--no-cache", "--format", "json", "-C", repo.dir().toString());

        // The kept summary is the tree's own: the slice matches it, and the tree is not loaded.
        assertThat(hook.err()).contains("tpsync: slice").doesNotContain("tpsync: facts", "tpsync: slice of tree");
        assertThat(hook.out()).isEqualTo(loaded.out());
        ContextSummary kept = ContextSummaries.of(FactCache.forTree(repo.dir()))
            .read(repo.git("rev-parse", "HEAD^{tree}").trim(), ContextSpec.kernelDefaults()).orElseThrow();
        assertThat(kept.reaches("lib/notify.c", "notify_listeners")).isTrue();
        assertThat(kept.reaches("lib/deeper.c", "notify_deeper")).isFalse();
    }

    @Test
    void aHookRunOnCommitsNoHookSawCarriesHeadsSummaryForwardFromTheirParentsInsteadOfLoadingTheTree() {
        assertThat(tpsync("hook", "warm", "-C", repo.dir().toString()).exitCode()).isZero();
        // Two commits made without the hook (--no-verify, git am): one to reached code, one adding
        // a file no context reaches.
        repo.harmlessEdit();
        repo.git("commit", "-q", "-a", "-m", "sched/idle: count polls");
        repo.write("lib/unreached.c", "void unreached(void)\n{\n\tmight_sleep();\n}\n");
        repo.git("add", "-A");
        repo.git("commit", "-q", "-m", "lib: unreached");
        repo.hazardousEdit();
        repo.git("add", "-A");

        CliRun hook = tpsync("review", "--staged", "-v", "--format", "json", "-C", repo.dir().toString());
        CliRun loaded = tpsync("review", "--staged", "--no-cache", "--format", "json", "-C", repo.dir().toString());

        assertThat(hook.err()).contains("tpsync: catch up", "tpsync: slice").doesNotContain("tpsync: facts");
        assertThat(hook.exitCode()).isEqualTo(loaded.exitCode()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(hook.out()).isEqualTo(loaded.out()).contains("lost-rcuidle");
        FactCache cache = FactCache.forTree(repo.dir());
        assertThat(ContextSummaries.of(cache).has(headTree(), ContextSpec.kernelDefaults())).isTrue();
        assertThat(ContextSlices.of(cache).has(headTree(), ContextSpec.kernelDefaults())).isTrue();
    }

    @Test
    void aCommitOnlyTheLongWayJudgesEndsTheCatchUpAndTheTreeIsLoaded() {
        assertThat(tpsync("hook", "warm", "-C", repo.dir().toString()).exitCode()).isZero();
        // A definition under the name a declared tracepoint's calls have: no summary or slice
        // vouches for what the tree's model makes of it.
        repo.write("lib/poll.c", "void trace_cpu_idle_poll(int cpu)\n{\n}\n");
        repo.git("add", "-A");
        repo.git("commit", "-q", "-m", "lib: a trace_cpu_idle_poll() of its own");
        repo.hazardousEdit();
        repo.git("add", "-A");

        CliRun hook = tpsync("review", "--staged", "-v", "--format", "json", "-C", repo.dir().toString());
        CliRun loaded = tpsync("review", "--staged", "--no-cache", "--format", "json", "-C", repo.dir().toString());

        assertThat(hook.err()).contains("tpsync: catch up", "tpsync: facts");
        assertThat(hook.exitCode()).isEqualTo(loaded.exitCode());
        assertThat(hook.out()).isEqualTo(loaded.out());
    }

    @Test
    void aWarmUpAfterACommitNoHookSawCarriesTheCacheForward() {
        assertThat(warm().rounds()).extracting(CacheWarmUp.Round::warmth).containsExactly(Warmth.WARMED);
        repo.harmlessEdit();
        repo.git("commit", "-q", "-a", "-m", "sched/idle: count polls");

        CliRun warmed = tpsync("hook", "warm", "-C", repo.dir().toString());

        assertThat(warmed.exitCode()).as(warmed.err()).isZero();
        assertThat(warmed.out()).startsWith("carried the cache forward to HEAD's tree " + headTree().substring(0, 12)
            + " from an ancestor's, commit by commit");
        assertThat(warm().rounds()).extracting(CacheWarmUp.Round::warmth).containsExactly(Warmth.ALREADY);
    }

    @Test
    void leavesTheWorkToTheWarmUpThatHoldsTheLock() throws IOException {
        try (WarmUpLock held = WarmUpLock.tryTake(FactCache.forTree(repo.dir())).orElseThrow()) {
            CacheWarmUp.Outcome outcome = warm();

            assertThat(outcome.locked()).isTrue();
            assertThat(outcome.rounds()).isEmpty();
            CliRun run = tpsync("hook", "warm", "-C", repo.dir().toString());
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("another 'tpsync hook warm' is warming");
        }
        assertThat(warm().rounds()).extracting(CacheWarmUp.Round::warmth).containsExactly(Warmth.WARMED);
    }

    @Test
    void aHookRunThatFindsAWarmUpUnderWayWaitsForItAndTakesTheShortWay() throws Exception {
        repo.hazardousEdit();
        repo.git("add", "-A");
        CountDownLatch locked = new CountDownLatch(1);
        CompletableFuture<CacheWarmUp.Round> warmUp = CompletableFuture.supplyAsync(() -> {
            try (WarmUpLock lock = WarmUpLock.tryTake(FactCache.forTree(repo.dir())).orElseThrow();
                 GitRepo git = GitRepo.open(repo.dir())) {
                locked.countDown();
                Thread.sleep(1500); // the hook run starts meanwhile and finds the lock taken
                return new CacheWarmUp(2, new PrintWriter(new StringWriter()), true, Phases.NONE).warm(git);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();

        CliRun hook = tpsync("review", "--staged", "-v", "-C", repo.dir().toString());

        assertThat(warmUp.join().warmth()).isEqualTo(Warmth.WARMED);
        assertThat(hook.err()).contains("waiting for the warm-up of the cache")
            .contains("tpsync: summary").doesNotContain("tpsync: facts");
        assertThat(hook.out()).contains("[lost-rcuidle]");
    }

    @Test
    void aRepositoryWithoutCommitsHasNothingToWarm() throws IOException {
        Path empty = dir.resolve("empty");
        Files.createDirectories(empty);
        new ProcessBuilder("git", "init", "-q", empty.toString()).start().onExit().join();

        CliRun run = tpsync("hook", "warm", "-C", empty.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("no commit yet: nothing to warm");
    }

    @Test
    void outsideARepositoryOrWithoutACacheItSaysWhatIsWrongInOneLine() throws IOException {
        Path notARepo = Files.createDirectories(dir.resolve("plain"));

        CliRun outside = tpsync("hook", "warm", "-C", notARepo.toString());
        CliRun noCache = tpsync("hook", "warm", "--no-cache", "-C", repo.dir().toString());

        assertThat(outside.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
        // 'hook warm' has -C, not review's --git-dir.
        assertThat(outside.err().strip()).hasLineCount(1).isEqualTo("tpsync: not a git repository: " + notARepo
            + " (nor any parent); run it inside a git work tree, or name one with -C DIR");
        assertThat(outside.out()).isEmpty();
        assertThat(noCache.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(noCache.err()).contains("--no-cache");
        assertThat(FactCache.forTree(repo.dir()).root()).doesNotExist();
    }
}
