package dev.tpsync.cli.review;

import static dev.tpsync.cli.review.ReviewFixtures.copyTree;
import static dev.tpsync.cli.review.ReviewFixtures.git;
import static dev.tpsync.cli.review.ReviewFixtures.patchFiles;
import static dev.tpsync.cli.review.ReviewFixtures.repoWithTree;
import static dev.tpsync.cli.review.ReviewFixtures.root;
import static dev.tpsync.cli.review.ReviewFixtures.run;
import static dev.tpsync.cli.review.ReviewFixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tpsync review --staged}, what the pre-commit hook runs: the index against HEAD. */
class ReviewStagedTest {

    @TempDir
    Path tmp;

    /** A repository of the fixture tree with the one patch of {@code series} staged. */
    private Path repoStaging(String series) throws IOException {
        Path repo = tmp.resolve("repo");
        repoWithTree(repo);
        stage(repo, series);
        return repo;
    }

    /** Applies the one patch of a fixture series to the index (and work tree) of {@code repo}. */
    private static void stage(Path repo, String series) throws IOException {
        Path patch = patchFiles(root().resolve("series").resolve(series)).get(0);
        git(repo, "apply", "--index", patch.toString());
    }

    /** What staging the intro-lost-rcuidle series introduces on the review tree. */
    private static final List<String> LOST_RCUIDLE_INTRODUCES = List.of(
        "lost-rcuidle kernel/sched/idle.c:16 error",
        "nmi-perf-rcu kernel/events/core.c:28 error");

    /** Whole-tree graphs the model cache of {@code repo} keeps. */
    private static long keptModels(Path repo) throws IOException {
        try (var files = Files.walk(repo.resolve(".git/tpsync/cache"))) {
            return files.filter(f -> f.toString().endsWith(".model")).count();
        }
    }

    private static List<String> introduced(ReviewFixtures.Run r) {
        JsonNode report = r.json();
        assertThat(report.get("patches")).hasSize(1);
        List<String> out = new ArrayList<>();
        for (JsonNode f : report.get("patches").get(0).get("introduced")) {
            out.add(f.get("rule").asText() + " " + f.get("file").asText() + ":" + f.get("line").asInt() + " "
                + f.get("severity").asText());
        }
        out.sort(null);
        return out;
    }

    @Test
    void hazardousStagedChangeIsFoundAndFails() throws IOException {
        Path repo = repoStaging("intro-lost-rcuidle");

        ReviewFixtures.Run r = run("review", "--staged", "-C", repo.toString(), "--format", "json", "-q");

        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(introduced(r)).containsExactlyElementsOf(LOST_RCUIDLE_INTRODUCES);
    }

    @Test
    void theSecondRunOnTheSameHeadTakesTheBaseGraphFromTheModelCacheAndAgrees() throws IOException {
        Path repo = repoStaging("intro-lost-rcuidle");

        ReviewFixtures.Run first = run("review", "--staged", "-C", repo.toString(), "--format", "json", "-q");
        long kept = keptModels(repo);
        ReviewFixtures.Run second = run("review", "--staged", "-C", repo.toString(), "--format", "json", "-q");

        assertThat(kept).as("the base tree's graph is kept").isEqualTo(1);
        assertThat(second.exit()).isEqualTo(first.exit()).isEqualTo(1);
        assertThat(second.out()).isEqualTo(first.out());
        assertThat(introduced(second)).containsExactlyElementsOf(LOST_RCUIDLE_INTRODUCES);
        // And without any cache, the same.
        assertThat(run("review", "--staged", "-C", repo.toString(), "--format", "json", "-q", "--no-cache").out())
            .isEqualTo(first.out());
    }

    @Test
    void anEditThatOnlyMovesCodeIsJudgedWithoutLoadingTheTree() throws IOException {
        Path repo = tmp.resolve("repo");
        repoWithTree(repo);
        // A comment above a function with a known warning, and blank lines inside it.
        Path core = repo.resolve("kernel/events/core.c");
        String text = Files.readString(core);
        Files.writeString(core, "/* Moved down by a comment. */\n\n" + text.replaceAll("(?m);$", ";\n"));
        git(repo, "add", "kernel/events/core.c");

        ReviewFixtures.Run r = run("review", "--staged", "-C", repo.toString(), "--format", "json", "-q");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(introduced(r)).isEmpty();
        assertThat(r.json().get("patches").get(0).get("resolved")).isEmpty();
        // Nothing was parsed or modelled beyond the touched file: the cache was never opened.
        assertThat(repo.resolve(".git/tpsync/cache")).doesNotExist();
    }

    @Test
    void afterACommitTheBaseIsRebuiltFromTheGraphTheRunBeforeKeptAndAgreesWithNoCache() throws IOException {
        Path repo = lostRcuidleStagedOnTheCommitAfterAHookRun();
        // Without the slice the run before kept, the long way: the graph it kept, rebuilt.
        forgetSlices(repo);

        ReviewFixtures.Run r = run("review", "--staged", "-C", repo.toString(), "--format", "json", "-q");

        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(introduced(r)).containsExactlyElementsOf(LOST_RCUIDLE_INTRODUCES);
        assertThat(run("review", "--staged", "-C", repo.toString(), "--format", "json", "-q", "--no-cache").out())
            .isEqualTo(r.out());
        // The base (the new HEAD) came from the graph kept for the commit before, rebuilt: not kept itself.
        assertThat(keptModels(repo)).isEqualTo(1);
        // Both bases are noted warm, newest first: the launcher sizes the next hook run by them.
        assertThat(warmRevisions(repo)).containsExactly(git(repo, "rev-parse", "HEAD^{tree}").strip(),
            git(repo, "rev-parse", "HEAD~1^{tree}").strip());
    }

    /** A driver no context reaches: its exit path frees what a probe might still use, after a full wait. */
    private static final String WIDGET = """
        // SPDX-License-Identifier: GPL-2.0
        #include <linux/slab.h>
        #include <trace/events/sample.h>

        static void *widget_data;

        static void widget_probe(void *data, int cpu, u64 now)
        {
        }

        static void widget_exit(void)
        {
        	tracepoint_synchronize_unregister();
        	kfree(widget_data);
        }
        """;

    @Test
    void aChangeToCodeNoContextReachesIsJudgedFromTheSummaryTheRunBeforeKept() throws IOException {
        Path repo = tmp.resolve("repo");
        repoWithTree(repo);
        Files.writeString(repo.resolve("drivers/misc/widget.c"), WIDGET);
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "widget: a driver");
        // The first hook run loads the tree and keeps the summaries of HEAD and of the index.
        Files.writeString(repo.resolve("drivers/misc/widget.c"), WIDGET.replace("\tkfree(widget_data);",
            "\tkfree(widget_data);\n\tpr_debug(\"widget gone\\n\");"));
        git(repo, "add", "-A");
        ReviewFixtures.Run first = run("review", "--staged", "-C", repo.toString(), "--format", "json", "-v");
        assertThat(first.err()).contains("tpsync: facts");
        git(repo, "commit", "-q", "-m", "widget: say goodbye");
        // The commit after: the wait becomes a bare unregister, in code no context reaches.
        Files.writeString(repo.resolve("drivers/misc/widget.c"), WIDGET.replace(
            "\ttracepoint_synchronize_unregister();\n\tkfree(widget_data);",
            "\tunregister_trace_sample_tick(widget_probe, widget_data);\n\tkfree(widget_data);\n\twidget_data = NULL;"));
        git(repo, "add", "-A");

        ReviewFixtures.Run r = run("review", "--staged", "-C", repo.toString(), "--format", "json", "-v");

        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("tpsync: summary").doesNotContain("tpsync: facts");
        assertThat(introduced(r)).containsExactly("tracepoint-unregister-sync drivers/misc/widget.c:14 error");
        assertThat(run("review", "--staged", "-C", repo.toString(), "--format", "json", "--no-cache").out())
            .isEqualTo(r.out());
        // That run kept the slice of the tree it judged too: on the commit after, reached code is judged on it.
        git(repo, "commit", "-q", "-m", "widget: drop the wait");
        assertReachedCodeIsJudgedOnTheSlice(repo);
    }

    @Test
    void aCommitThatOnlyMovedCodeKeepsTheSummaryForTheHookAfterIt() throws IOException {
        Path repo = tmp.resolve("repo");
        repoWithTree(repo);
        Path widget = repo.resolve("drivers/misc/widget.c");
        Files.writeString(widget, WIDGET);
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "widget: a driver");
        Files.writeString(widget, WIDGET.replace("\tkfree(widget_data);", "\tkfree(widget_data);\n\tpr_debug(\"bye\\n\");"));
        git(repo, "add", "-A");
        assertThat(run("review", "--staged", "-C", repo.toString(), "-v").err()).contains("tpsync: facts");
        git(repo, "commit", "-q", "-m", "widget: say goodbye");
        // A commit that only moves code: judged from the touched file, and the summary carried over.
        String moved = "/* The widget driver. */\n" + Files.readString(widget);
        Files.writeString(widget, moved);
        git(repo, "add", "-A");
        ReviewFixtures.Run move = run("review", "--staged", "-C", repo.toString(), "-v");
        assertThat(move.exit()).as(move.err()).isZero();
        assertThat(move.err()).contains("tpsync: layout").doesNotContain("tpsync: summary", "tpsync: facts");
        git(repo, "commit", "-q", "-m", "widget: say what it is");
        // The commit after it is judged from that summary, as --no-cache judges it from the tree.
        Files.writeString(widget, moved.replace("\ttracepoint_synchronize_unregister();\n",
            "\tunregister_trace_sample_tick(widget_probe, widget_data);\n"));
        git(repo, "add", "-A");

        ReviewFixtures.Run r = run("review", "--staged", "-C", repo.toString(), "--format", "json", "-v");

        assertThat(r.err()).contains("tpsync: summary").doesNotContain("tpsync: facts");
        assertThat(introduced(r)).containsExactly("tracepoint-unregister-sync drivers/misc/widget.c:15 error");
        assertThat(run("review", "--staged", "-C", repo.toString(), "--format", "json", "--no-cache").out())
            .isEqualTo(r.out());
        // The slice came over too: a change to reached code instead is judged on it.
        git(repo, "reset", "-q", "--hard", "HEAD");
        assertReachedCodeIsJudgedOnTheSlice(repo);
    }

    @Test
    void aChangeToCodeAContextReachesIsJudgedOnTheSliceTheRunBeforeKept() throws IOException {
        Path repo = lostRcuidleStagedOnTheCommitAfterAHookRun();

        ReviewFixtures.Run r = run("review", "--staged", "-C", repo.toString(), "--format", "json", "-v");

        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("tpsync: summary", "tpsync: slice").doesNotContain("tpsync: facts");
        assertThat(introduced(r)).containsExactlyElementsOf(LOST_RCUIDLE_INTRODUCES);
        assertThat(run("review", "--staged", "-C", repo.toString(), "--format", "json", "--no-cache").out())
            .isEqualTo(r.out());
        // And on the same HEAD again, from the slice of the base it kept (not the one of the commit
        // before), whose model (the touched file whole) the first run kept apart from the whole
        // tree's, beside the model of the slice it left for the next commit.
        ReviewFixtures.Run again = run("review", "--staged", "-C", repo.toString(), "--format", "json", "-v");
        assertThat(again.err()).contains("tpsync: slice").doesNotContain("tpsync: facts");
        assertThat(again.out()).isEqualTo(r.out());
        assertThat(sliceModels(repo)).isEqualTo(2);
    }

    @Test
    void aHelperMadeToSleepIsAnErrorAtTheUntouchedNmiGlueThatCallsItOnTheSliceAsOnTheTree() throws IOException {
        Path repo = repoStaging("intro-srcu-read-barrier");
        run("review", "--staged", "-C", repo.toString(), "--format", "json", "-q");
        git(repo, "commit", "-q", "-m", "tp_sample: an SRCU read side");
        stage(repo, "helper-made-to-sleep");

        ReviewFixtures.Run r = run("review", "--staged", "-C", repo.toString(), "--format", "json", "-v");

        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("tpsync: slice").doesNotContain("tpsync: facts");
        assertThat(introduced(r)).containsExactly("nmi-perf-rcu kernel/events/core.c:43 error");
        assertThat(r.json().get("patches").get(0).get("introduced").get(0).get("message").asText())
            .isEqualTo("bpf_prog_array_valid() may sleep: it calls mutex_lock(), and is called from code reachable from NMI");
        assertThat(run("review", "--staged", "-C", repo.toString(), "--format", "json", "--no-cache").out())
            .isEqualTo(r.out());
    }

    @Test
    void theHookOnTheCommitAfterAChangeToReachedCodeRestoresTheModelThatRunLeft() throws IOException {
        Path repo = lostRcuidleStagedOnTheCommitAfterAHookRun();
        run("review", "--staged", "-C", repo.toString(), "--format", "json", "-q");

        assertTheCommitAfterRestoresTheModelOfItsBase(repo);
    }

    @Test
    void theModelIsRestoredOnTheCommitAfterEvenWhenTheFirstHookRunOnTheBaseTookTheLongWay() throws IOException {
        Path repo = repoStaging("intro-lost-rcuidle");
        // The first run on this HEAD loads the tree and keeps the slice of the index's tree, without
        // its model; the second is judged on HEAD's slice and leaves that slice with its model.
        assertThat(run("review", "--staged", "-C", repo.toString(), "--format", "json", "-v").err())
            .contains("tpsync: facts");
        assertThat(run("review", "--staged", "-C", repo.toString(), "--format", "json", "-v").err())
            .contains("tpsync: slice", "keep slice model").doesNotContain("tpsync: facts");
        assertThat(run("review", "--staged", "-C", repo.toString(), "--format", "json", "-v").err())
            .as("kept once").doesNotContain("keep slice");

        assertTheCommitAfterRestoresTheModelOfItsBase(repo);
    }

    /**
     * Commits what is staged in {@code repo}, whose hook runs kept the slice of the index's tree,
     * then stages reached code of the same file again (kernel/sched/idle.c, calling only what
     * reached code calls): judged on that slice, its model restored (only the one the run leaves
     * is added), as --no-cache judges it on the tree.
     */
    private static void assertTheCommitAfterRestoresTheModelOfItsBase(Path repo) throws IOException {
        long kept = sliceModels(repo);
        git(repo, "commit", "-q", "-m", "sched/idle: emit the idle event once the CPU is really idle");
        Path idle = repo.resolve("kernel/sched/idle.c");
        Files.writeString(idle, Files.readString(idle).replaceFirst("\tstop_critical_timings\\(\\);\n",
            "\tstop_critical_timings();\n\tstop_critical_timings();\n"));
        git(repo, "add", "-A");

        ReviewFixtures.Run next = run("review", "--staged", "-C", repo.toString(), "--format", "json", "-v");

        assertThat(next.err()).contains("tpsync: slice").doesNotContain("tpsync: facts");
        assertThat(sliceModels(repo)).as("its base's model restored, only the one it leaves added").isEqualTo(kept + 1);
        assertThat(run("review", "--staged", "-C", repo.toString(), "--format", "json", "--no-cache").out())
            .isEqualTo(next.out());
    }

    /** The slices' graphs the model cache of {@code repo} keeps. */
    private static long sliceModels(Path repo) throws IOException {
        try (var files = Files.walk(repo.resolve(".git/tpsync/cache"))) {
            return files.filter(f -> f.toString().endsWith(".model") && f.getParent().endsWith("slice-models")).count();
        }
    }

    @Test
    void aChangeToReachedCodeThatCallsWhatNoReachedCodeCallsIsJudgedOnASliceWidenedThroughTheDefinitionIndex()
        throws IOException {
        Path repo = lostRcuidleStagedOnTheCommitAfterAHookRun();
        // perf_tp_event() runs where RCU is not watching once the change is in: what it calls must be vouched for.
        Path core = repo.resolve("kernel/events/core.c");
        Files.writeString(core, Files.readString(core).replace("\tperf_sample_data_init(&data, 0, 0);\n",
            "\tperf_sample_data_init(&data, 0, 0);\n\ttpsync_new_helper();\n"));
        git(repo, "add", "kernel/events/core.c");

        ReviewFixtures.Run r = run("review", "--staged", "-C", repo.toString(), "--format", "json", "-v");

        // The first hook run (the long way on the commit before) kept the index of where each
        // name is defined: the definitions the slice lacks are found through it, and the tree's
        // facts are not read.
        assertThat(r.err()).contains("tpsync: definition index", "tpsync: wider slice", "tpsync: slice")
            .doesNotContain("tpsync: facts");
        assertThat(r.out()).isEqualTo(run("review", "--staged", "-C", repo.toString(), "--format", "json",
            "--no-cache").out());
    }

    /**
     * Stages the intro-lost-rcuidle change (code a context reaches) in {@code repo}, whose HEAD's
     * slice a hook run kept: judged on that slice, as --no-cache judges it on the tree.
     */
    private static void assertReachedCodeIsJudgedOnTheSlice(Path repo) throws IOException {
        stage(repo, "intro-lost-rcuidle");
        ReviewFixtures.Run reached = run("review", "--staged", "-C", repo.toString(), "--format", "json", "-v");
        assertThat(reached.err()).contains("tpsync: slice").doesNotContain("tpsync: facts");
        assertThat(introduced(reached)).containsExactlyElementsOf(LOST_RCUIDLE_INTRODUCES);
        assertThat(run("review", "--staged", "-C", repo.toString(), "--format", "json", "--no-cache").out())
            .isEqualTo(reached.out());
    }

    /** Deletes the slices the cache of {@code repo} keeps. */
    private static void forgetSlices(Path repo) throws IOException {
        try (var files = Files.walk(repo.resolve(".git/tpsync/cache"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".slice")).toList()) {
                Files.delete(f);
            }
        }
    }

    /**
     * A repository where a hook run reviewed an SRCU read side, which was committed, and the
     * intro-lost-rcuidle change is staged: the hook on the commit after one.
     */
    private Path lostRcuidleStagedOnTheCommitAfterAHookRun() throws IOException {
        Path repo = repoStaging("intro-srcu-read-barrier");
        run("review", "--staged", "-C", repo.toString(), "--format", "json", "-q");
        git(repo, "commit", "-q", "-m", "tp_sample: an SRCU read side");
        stage(repo, "intro-lost-rcuidle");
        return repo;
    }

    /** The git trees the model cache of {@code repo} notes as warm (see ModelCache), each line's first word. */
    private static List<String> warmRevisions(Path repo) throws IOException {
        try (var files = Files.walk(repo.resolve(".git/tpsync/cache"))) {
            Path file = files.filter(f -> f.getFileName().toString().equals("warm-revisions")).findFirst()
                .orElseThrow();
            return Files.readAllLines(file).stream().map(line -> line.split(" ", 2)[0]).toList();
        }
    }

    @Test
    void onlyTheIndexCountsNotTheWorkTree() throws IOException {
        Path repo = repoStaging("refactor");
        // The hazard is in the work tree but not staged: the commit would not contain it.
        Path patch = patchFiles(root().resolve("series/intro-lost-rcuidle")).get(0);
        git(repo, "apply", patch.toString());

        ReviewFixtures.Run r = run("review", "--staged", "-C", repo.toString(), "--format", "json", "-q");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(introduced(r)).isEmpty();
    }

    @Test
    void aChangeBesideAMakefileAndNewDocumentationIsJudgedOnItsCodeEveryWay() throws IOException {
        Path repo = repoStaging("with-build-files");

        ReviewFixtures.Run first = run("review", "--staged", "-C", repo.toString(), "--format", "json", "-q");
        ReviewFixtures.Run again = run("review", "--staged", "-C", repo.toString(), "--format", "json", "-q");
        ReviewFixtures.Run uncached = run("review", "--staged", "-C", repo.toString(), "--format", "json", "-q",
            "--no-cache");

        for (ReviewFixtures.Run r : List.of(first, again, uncached)) {
            assertThat(r.exit()).as(r.err()).isEqualTo(1);
            assertThat(r.err()).isEmpty();
            assertThat(introduced(r)).containsExactlyElementsOf(LOST_RCUIDLE_INTRODUCES);
        }
    }

    @Test
    void buildFilesAModeChangeAndASubmoduleAlonePass() throws IOException {
        Path repo = tmp.resolve("repo");
        repoWithTree(repo);
        // The second patch of the series: a Kconfig line and a script made executable.
        Path buildOnly = patchFiles(root().resolve("series/with-build-files")).get(1);
        git(repo, "apply", "--index", buildOnly.toString());
        ReviewFixtures.Run build = run("review", "--staged", "-C", repo.toString(), "--format", "json", "-q");
        git(repo, "commit", "-q", "-m", "build files");
        // A submodule added, then moved to another commit: its diff is a commit id, not a file's text.
        git(repo, "update-index", "--add", "--cacheinfo", "160000,1111111111111111111111111111111111111111,lib/vendored");
        ReviewFixtures.Run added = run("review", "--staged", "-C", repo.toString(), "--format", "json", "-q");
        git(repo, "commit", "-q", "-m", "vendored library");
        git(repo, "update-index", "--cacheinfo", "160000,2222222222222222222222222222222222222222,lib/vendored");
        ReviewFixtures.Run bumped = run("review", "--staged", "-C", repo.toString(), "--format", "json", "-q");
        ReviewFixtures.Run range = run("review", "HEAD~2..HEAD", "-C", repo.toString(), "--format", "json", "-q");

        passWithTheirRange(List.of(build, added, bumped), range);
    }

    /** Each staged review passes quietly, and the range of the two commits made of them passes. */
    private static void passWithTheirRange(List<ReviewFixtures.Run> staged, ReviewFixtures.Run range) {
        for (ReviewFixtures.Run r : staged) {
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.err()).isEmpty();
            assertThat(introduced(r)).isEmpty();
        }
        assertThat(range.exit()).as(range.err()).isZero();
        assertThat(range.json().get("patches")).hasSize(2);
    }

    @Test
    void aSymbolicallyLinkedHeaderChangedPasses() throws IOException {
        Path repo = tmp.resolve("repo");
        repoWithTree(repo);
        Path link = repo.resolve("include/linux/idle-alias.h");
        Files.createSymbolicLink(link, Path.of("tracepoint.h"));
        git(repo, "add", "include/linux/idle-alias.h");
        ReviewFixtures.Run added = run("review", "--staged", "-C", repo.toString(), "--format", "json", "-q");
        git(repo, "commit", "-q", "-m", "an alias");
        // Pointed elsewhere: the diff's text is the link's target, which no C file holds.
        Files.delete(link);
        Files.createSymbolicLink(link, Path.of("../../kernel/sched/idle.c"));
        git(repo, "add", "include/linux/idle-alias.h");
        ReviewFixtures.Run moved = run("review", "--staged", "-C", repo.toString(), "--format", "json", "-q");
        git(repo, "commit", "-q", "-m", "the alias moved");
        ReviewFixtures.Run range = run("review", "HEAD~2..HEAD", "-C", repo.toString(), "--format", "json", "-q");

        passWithTheirRange(List.of(added, moved), range);
    }

    @Test
    void theConfigsPathsChooseWhereAReviewReportsAsForAScan() throws IOException {
        Path repo = repoStaging("sleeper-in-nmi");
        Path config = repo.resolve(".tpsync.yaml");
        List<String> staged = List.of("review", "--staged", "-C", repo.toString(), "--format", "json", "-q");

        Files.writeString(config, "paths: {exclude: [kernel]}\n");
        ReviewFixtures.Run excluded = run(staged.toArray(String[]::new));
        Files.writeString(config, "paths: {include: [drivers/]}\n");
        ReviewFixtures.Run elsewhere = run(staged.toArray(String[]::new));
        Files.writeString(config, "paths: {include: [kernel/events/], exclude: [kernel/trace/]}\n");
        ReviewFixtures.Run included = run(staged.toArray(String[]::new));
        git(repo, "commit", "-q", "-m", "sleeper");
        Files.writeString(config, "paths: {exclude: [kernel/events/core.c]}\n");
        ReviewFixtures.Run range = run("review", "HEAD~1..HEAD", "-C", repo.toString(), "--format", "json", "-q");

        for (ReviewFixtures.Run r : List.of(excluded, elsewhere, range)) {
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.json().get("patches").get(0).get("introduced")).isEmpty();
        }
        assertThat(included.exit()).as(included.err()).isEqualTo(1);
        assertThat(introduced(included)).containsExactly("nmi-perf-rcu kernel/events/core.c:51 error");
    }

    @Test
    void harmlessStagedChangePasses() throws IOException {
        Path repo = repoStaging("refactor");

        ReviewFixtures.Run r = run("review", "--staged", "-C", repo.toString(), "--format", "json", "-q");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(introduced(r)).isEmpty();
    }

    @Test
    void nothingStagedSaysSo() throws IOException {
        Path repo = tmp.resolve("repo");
        repoWithTree(repo);

        ReviewFixtures.Run r = run("review", "--staged", "-C", repo.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("note: nothing is staged: the index matches HEAD; 'git add' the change to review");
    }

    @Test
    void repositoryWithoutCommits() throws IOException {
        Path repo = tmp.resolve("fresh");
        copyTree(tree(), repo);
        git(repo, "init", "-q", "-b", "master");
        git(repo, "add", "-A");
        assertThat(Files.exists(repo.resolve(".git/refs/heads/master"))).isFalse();

        ReviewFixtures.Run r = run("review", "--staged", "-C", repo.toString(), "--format", "json", "-q");

        // Everything is new, so the tree's existing hazards are introduced; none is an error.
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(introduced(r)).contains("nmi-perf-rcu kernel/events/core.c:28 warning",
            "tracepoint-unregister-sync drivers/misc/tp_counter.c:35 warning");
    }

    @Test
    void aRootCommitIsReviewedAgainstTheEmptyTreeAsTheIndexBeforeItWas() throws IOException {
        Path repo = tmp.resolve("repo");
        String root = repoWithTree(repo);

        ReviewFixtures.Run r = run("review", root, "-C", repo.toString(), "--format", "json", "-q");

        // What the hook on that first commit said (repositoryWithoutCommits), not "already exists".
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(introduced(r)).contains("nmi-perf-rcu kernel/events/core.c:28 warning",
            "tracepoint-unregister-sync drivers/misc/tp_counter.c:35 warning");
        assertThat(r.json().get("inputs").toString()).contains("base the empty tree");
    }

    @Test
    void repositoryWithoutCommitsAndAHazardousTree() throws IOException {
        Path repo = tmp.resolve("fresh");
        copyTree(tree(), repo);
        git(repo, "init", "-q", "-b", "master");
        git(repo, "apply", patchFiles(root().resolve("series/intro-lost-rcuidle")).get(0).toString());
        git(repo, "add", "-A");

        ReviewFixtures.Run r = run("review", "--staged", "-C", repo.toString(), "--format", "json", "-q");

        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(introduced(r)).contains("lost-rcuidle kernel/sched/idle.c:16 error");
    }
}
