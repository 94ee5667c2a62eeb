package dev.tpsync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's JVM options for the pre-commit hook (the ./tpsync script, run by bash with
 * TPSYNC_PRINT_JVM_OPTIONS=1 so it prints its JVM options and neither builds nor runs). A staged
 * review that will find its base's graph (HEAD's tree noted in a warm-revisions list written since
 * the jar was built, or HEAD's parent's with at most 8 .c/.h files changed since, and the graph
 * noted with it still kept) or HEAD's context summary compiles with C1 only (benchmarks/README.md,
 * "Eighth session"); anything else keeps C2, which a run that must build the graph needs. Only a
 * run that will find its graph has an eden that holds all a long-way run allocates
 * ("Seventeenth session"): one that builds the graph keeps the review's heap.
 */
class LauncherSizingTest {

    /** The young generation and heap of hook runs that will find their graph or HEAD's summary. */
    private static final String HOOK_YOUNG = "-Xmn3000m";
    private static final String HOOK_HEAP = "-Xmx4400m";
    private static final String REVIEW_HEAP = "-Xmx3200m";
    private static final String C1_ONLY = "-XX:TieredStopAtLevel=1";
    private static final String EARLY_LOOPS = "-XX:Tier3BackEdgeThreshold=6000";

    @TempDir
    Path dir;

    private LauncherCopy launcher;
    private KernelRepo repo;

    @BeforeEach
    void copyTheLauncherBesideAnOldJar() throws IOException {
        assumeTrue(KernelRepo.gitAvailable(), "git is not installed: skipping the launcher sizing tests");
        launcher = LauncherCopy.in(dir);
        repo = KernelRepo.create(dir.resolve("linux"));
    }

    @Test
    void aStagedReviewWhoseHeadTreeIsNotedCompilesWithC1AndHasTheHookHeap() throws IOException {
        noteWarm(tree("HEAD"));
        stageAChange();

        List<String> options = options("review", "--staged", "-C", repo.dir().toString());

        assertThat(options).contains(C1_ONLY, EARLY_LOOPS, HOOK_HEAP, "-Xms4400m", HOOK_YOUNG)
            .doesNotContain(REVIEW_HEAP);
    }

    @Test
    void theHookHeapOnlyWhereTheMachineHasEightGibibytes() throws IOException {
        noteWarm(tree("HEAD"));
        stageAChange();
        String at = repo.dir().toString();

        assertThat(options(Map.of("TPSYNC_MEMINFO", meminfo(4_000_000).toString()), "review", "--staged", "-C", at))
            .as("4 GB: the review's heap, still C1").contains(C1_ONLY, REVIEW_HEAP).doesNotContain(HOOK_YOUNG);
        assertThat(options(Map.of("TPSYNC_MEMINFO", meminfo(16_000_000).toString()), "review", "--staged", "-C", at))
            .as("16 GB").contains(C1_ONLY, HOOK_HEAP, HOOK_YOUNG);
        assertThat(options(Map.of("TPSYNC_MEMINFO", dir.resolve("none").toString()), "review", "--staged", "-C", at))
            .as("no such file: memory unknown").contains(REVIEW_HEAP).doesNotContain(HOOK_YOUNG);
    }

    @Test
    void theHeapAsksForTransparentHugePagesWhereTheKernelGivesThemOnRequest() throws IOException {
        String at = repo.dir().toString();
        String huge = "-XX:+UseTransparentHugePages";

        assertThat(options(Map.of("TPSYNC_THP", thp("always [madvise] never").toString()), "scan", at))
            .as("madvise: given to a mapping that asks").contains(huge);
        assertThat(options(Map.of("TPSYNC_THP", thp("always [madvise] never").toString()), "review", "--staged",
            "-C", at)).contains(huge);
        assertThat(options(Map.of("TPSYNC_THP", thp("[always] madvise never").toString()), "scan", at))
            .as("always: given unasked").doesNotContain(huge);
        assertThat(options(Map.of("TPSYNC_THP", thp("always madvise [never]").toString()), "scan", at))
            .as("never: the JVM would warn on every run").doesNotContain(huge);
        assertThat(options(Map.of("TPSYNC_THP", dir.resolve("none").toString()), "scan", at))
            .as("no such file: not Linux, or no THP").doesNotContain(huge);
        Path directory = Files.createDirectories(dir.resolve("thp-dir"));
        assertThat(options(Map.of("TPSYNC_THP", directory.toString()), "scan", at))
            .as("a directory: no answer, and nothing said (options() asserts stderr empty)").doesNotContain(huge);
        assertThat(options(Map.of("TPSYNC_THP", "/dev/null"), "scan", at)).as("the opt-out").doesNotContain(huge);
    }

    /** A /sys/kernel/mm/transparent_hugepage/enabled that says {@code modes}, as Linux writes it. */
    private Path thp(String modes) throws IOException {
        Path file = dir.resolve("thp-" + Integer.toHexString(modes.hashCode()));
        Files.writeString(file, modes + "\n", StandardCharsets.UTF_8);
        return file;
    }

    /** A /proc/meminfo of a machine with {@code kib} KiB, as Linux writes it. */
    private Path meminfo(long kib) throws IOException {
        Path file = dir.resolve("meminfo-" + kib);
        Files.writeString(file, "MemTotal:       " + kib + " kB\nMemFree:        1000000 kB\n", StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void aNotedTreeWhoseGraphWasPrunedIsNotWarm() throws IOException {
        Path warm = noteWarm(tree("HEAD"));
        Files.delete(warm.resolveSibling(GRAPH));
        stageAChange();

        assertThat(options("review", "--staged", "-C", repo.dir().toString())).contains(REVIEW_HEAP)
            .doesNotContain(C1_ONLY, HOOK_HEAP, HOOK_YOUNG);
    }

    @Test
    void aListWrittenBeforeTheJarWasBuiltIsNotTrusted() throws IOException {
        Path warm = noteWarm(tree("HEAD"));
        Files.setLastModifiedTime(warm, FileTime.from(Instant.now().minus(2, ChronoUnit.HOURS)));

        List<String> options = options("review", "--staged", "-C", repo.dir().toString());

        assertThat(options).contains(REVIEW_HEAP).doesNotContain(C1_ONLY, HOOK_YOUNG);
    }

    @Test
    void theCommitAfterANotedTreeIsWarmWhenItChangedFewFiles() throws IOException {
        noteWarm(tree("HEAD"));
        repo.harmlessEdit();
        repo.git("commit", "-q", "-a", "-m", "sched/idle: count polls");

        assertThat(options("review", "--staged", "-C", repo.dir().toString())).contains(C1_ONLY, HOOK_HEAP,
            HOOK_YOUNG);
    }

    @Test
    void theCommitAfterANotedTreeIsNotWarmWhenItChangedMoreThanEightFiles() throws IOException {
        noteWarm(tree("HEAD"));
        for (int i = 0; i < 9; i++) {
            repo.write("drivers/misc/part" + i + ".c", "void part" + i + "(void)\n{\n}\n");
        }
        repo.git("add", "-A");
        repo.git("commit", "-q", "-m", "misc: a merge of someone's work");

        assertThat(options("review", "--staged", "-C", repo.dir().toString())).contains(REVIEW_HEAP)
            .doesNotContain(C1_ONLY, HOOK_YOUNG);
    }

    @Test
    void anUnnotedTreeKeepsC2() throws IOException {
        noteWarm("0123456789abcdef0123456789abcdef01234567");

        assertThat(options("review", "--staged", "-C", repo.dir().toString())).contains(REVIEW_HEAP)
            .doesNotContain(C1_ONLY, HOOK_YOUNG);
    }

    @Test
    void onlyAStagedReviewThroughTheCacheIsSizedForTheHook() throws IOException {
        noteWarm(tree("HEAD"));
        String at = repo.dir().toString();

        assertThat(options("review", "--staged", "--no-cache", "-C", at)).contains(REVIEW_HEAP)
            .doesNotContain(C1_ONLY, HOOK_YOUNG);
        assertThat(options("review", "HEAD", "-C", at)).contains(REVIEW_HEAP).doesNotContain(C1_ONLY, HOOK_YOUNG);
        assertThat(options("scan", at)).contains("-Xmx1700m").doesNotContain(C1_ONLY, HOOK_YOUNG);
    }

    @Test
    void theRepositoryIsFoundThroughRepoAndGitDirToo() throws IOException {
        noteWarm(tree("HEAD"));

        assertThat(options("review", "--staged", "--repo=" + repo.dir())).contains(C1_ONLY);
        assertThat(options("review", "--staged", "--git-dir", repo.dir().resolve(".git").toString()))
            .contains(C1_ONLY);
    }

    @Test
    void tpsyncHeapOverridesEverySizing() throws IOException {
        noteWarm(tree("HEAD"));

        List<String> options = options(Map.of("TPSYNC_HEAP", "2g"), "review", "--staged", "-C",
            repo.dir().toString());

        assertThat(options).contains("-Xmx2g", "-Xms2g").doesNotContain(HOOK_YOUNG, HOOK_HEAP);
    }

    @Test
    void aStagedReviewThatWillFindItsGraphOrHeadsSummaryCompilesWithC1Only() throws IOException {
        stageAChange();
        String at = repo.dir().toString();
        assertThat(options("review", "--staged", "-C", at)).as("cold").doesNotContain(C1_ONLY, EARLY_LOOPS, HOOK_YOUNG);

        noteSummarised(tree("HEAD"));
        assertThat(options("review", "--staged", "-C", at)).as("HEAD's summary kept: a graph may yet be built")
            .contains(C1_ONLY, EARLY_LOOPS, REVIEW_HEAP).doesNotContain(HOOK_YOUNG);

        noteWarm(tree("HEAD"));
        assertThat(options("review", "--staged", "-C", at)).as("HEAD's graph kept")
            .contains(C1_ONLY, HOOK_HEAP, HOOK_YOUNG);
    }

    @Test
    void aSummaryOfAnotherTreeOrInAnOldListOrWithoutTheCacheKeepsC2() throws IOException {
        String at = repo.dir().toString();
        noteSummarised("0123456789abcdef0123456789abcdef01234567");
        assertThat(options("review", "--staged", "-C", at)).doesNotContain(C1_ONLY, EARLY_LOOPS);

        Path list = noteSummarised(tree("HEAD"));
        assertThat(options("review", "--staged", "--no-cache", "-C", at)).doesNotContain(C1_ONLY, EARLY_LOOPS);
        assertThat(options("review", "HEAD", "-C", at)).doesNotContain(C1_ONLY, EARLY_LOOPS);
        assertThat(options("scan", at)).doesNotContain(C1_ONLY, EARLY_LOOPS);

        Files.setLastModifiedTime(list, FileTime.from(Instant.now().minus(2, ChronoUnit.HOURS)));
        assertThat(options("review", "--staged", "-C", at)).as("written before the jar")
            .doesNotContain(C1_ONLY, EARLY_LOOPS);
    }

    @Test
    void aSummaryOfHeadsParentAlsoTakesC1AloneForTheRunCarriesItForward() throws IOException {
        String at = repo.dir().toString();
        String parent = tree("HEAD");
        repo.harmlessEdit();
        repo.git("commit", "-q", "-a", "-m", "a commit no hook saw");
        noteSummarised(parent);

        assertThat(options("review", "--staged", "-C", at)).contains(C1_ONLY, EARLY_LOOPS);
        assertThat(options("review", "--staged", "--no-cache", "-C", at)).doesNotContain(C1_ONLY, EARLY_LOOPS);
    }

    /** Writes the list of summarised trees a review leaves in the summary store of this repository. */
    private Path noteSummarised(String tree) throws IOException {
        Path summaries = Files.createDirectories(repo.dir().resolve(".git/tpsync/cache/facts-v3-test/summaries"));
        Path list = summaries.resolve("summarised-trees");
        Files.writeString(list, tree + "\n", StandardCharsets.UTF_8);
        return list;
    }

    private void stageAChange() {
        repo.hazardousEdit();
        repo.git("add", "-A");
    }

    private String tree(String revision) {
        return repo.git("rev-parse", revision + "^{tree}").trim();
    }

    /** The graph file the warm-revisions lists of these tests name. */
    private static final String GRAPH = "0123456789abcdef0123456789abcdef01234567.model";

    /**
     * Writes the list a review leaves in the model cache of this repository's git directory,
     * {@code tree} noted with the graph {@link #GRAPH}, which it puts beside it.
     */
    private Path noteWarm(String tree) throws IOException {
        Path models = Files.createDirectories(repo.dir().resolve(".git/tpsync/cache/facts-v3-test/models"));
        Files.writeString(models.resolve(GRAPH), "a graph", StandardCharsets.UTF_8);
        Path warm = models.resolve("warm-revisions");
        Files.writeString(warm, tree + " " + GRAPH + "\n", StandardCharsets.UTF_8);
        return warm;
    }

    private List<String> options(String... args) throws IOException {
        return options(Map.of(), args);
    }

    /** The JVM options the launcher prints for {@code args}, run from outside the repository. */
    private List<String> options(Map<String, String> extraEnv, String... args) throws IOException {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.putIfAbsent("TPSYNC_PRINT_JVM_OPTIONS", "1");
        // A machine of 16 GB unless a test says otherwise: the sizing must not depend on the one
        // the tests run on (a CI machine under 8 GiB would get the review's heap everywhere).
        env.putIfAbsent("TPSYNC_MEMINFO", meminfo(16_000_000).toString());
        LauncherCopy.Run run = launcher.run(env, args);
        assertThat(run.exitCode()).as("launcher failed: %s", run.err()).isZero();
        assertThat(run.err()).as("nothing built, nothing said").isEmpty();
        return run.out().lines().toList();
    }
}
