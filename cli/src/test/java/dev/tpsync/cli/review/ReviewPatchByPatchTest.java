package dev.tpsync.cli.review;

import static dev.tpsync.cli.review.ReviewFixtures.git;
import static dev.tpsync.cli.review.ReviewFixtures.repoWithTree;
import static dev.tpsync.cli.review.ReviewFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A series reviewed through the cache, patch by patch on the summary and slice each patch
 * leaves (PatchByPatch), must give the report a review of the whole tree gives (--no-cache),
 * byte for byte; and it must be judged that way only where the two agree.
 */
class ReviewPatchByPatchTest {

    private static final String IDLE_C = "kernel/sched/idle.c";
    private static final String CORE_C = "kernel/events/core.c";
    private static final String NMI_C = "arch/x86/kernel/nmi.c";
    private static final String COUNTER_C = "drivers/misc/tp_counter.c";
    private static final String SAMPLE_C = "drivers/misc/tp_sample.c";

    @TempDir
    Path tmp;

    private Path repo;
    private String base;

    @BeforeEach
    void repository() throws IOException {
        repo = tmp.resolve("repo");
        base = repoWithTree(repo);
    }

    /**
     * Every short way a patch of a series can be judged on, in turn: code only moved, reached
     * code changed twice in the same function (the second judged on the model the first left),
     * then code no context reaches, in the same file and in another.
     */
    private void shortWaySeries() throws IOException {
        edit(IDLE_C, "static void do_idle(void)\n", "/* The idle loop. */\n\nstatic void do_idle(void)\n");
        commit("sched/idle: say what do_idle() is");
        edit(IDLE_C, "\ttrace_cpu_idle(0, smp_processor_id());\n\tstop_critical_timings();\n\tct_idle_enter();\n",
            "\tstop_critical_timings();\n\tct_idle_enter();\n\ttrace_cpu_idle(0, smp_processor_id());\n");
        commit("sched/idle: trace the idle entry later");
        edit(IDLE_C, "\tlocal_irq_enable();\n", "\tlocal_irq_enable();\n\tcpu_relax();\n");
        commit("sched/idle: relax once before polling");
        edit(IDLE_C, "\tnohz_run_idle_balance(cpu);\n", "\tnohz_run_idle_balance(cpu);\n\tcpu_idle_force_poll = 0;\n");
        commit("sched/idle: stop forcing the poll after a balance");
        edit(SAMPLE_C, "\tu64 last;\n", "\tu64 last;\n\tu64 first;\n");
        commit("misc/tp_sample: keep the first tick too");
    }

    @Test
    void aSeriesOnASummarisedBaseIsJudgedPatchByPatchAsTheWholeTreeJudgesIt() throws IOException {
        warm();
        shortWaySeries();

        ReviewFixtures.Run cached = review(base, "-v");
        ReviewFixtures.Run whole = review(base, "--no-cache");

        // The whole tree's facts are never read: each patch is judged on a short way.
        assertThat(cached.err()).contains("tpsync: patch by patch").doesNotContain("tpsync: facts");
        assertThat(cached.exit()).isEqualTo(whole.exit()).isEqualTo(1);
        assertThat(cached.out()).isEqualTo(whole.out());
        assertThat(introduced(whole.json())).containsExactly(List.of(), List.of("nmi-perf-rcu", "lost-rcuidle"), List.of(),
            List.of(), List.of());
    }

    @Test
    void aSeriesOfPatchFilesOntoASummarisedBaseIsJudgedPatchByPatchToo() throws IOException {
        warm();
        shortWaySeries();
        Path patches = tmp.resolve("patches");
        git(repo, "format-patch", "-q", "-o", patches.toString(), base + "..HEAD");
        git(repo, "reset", "-q", "--hard", base);

        ReviewFixtures.Run cached = run("review", "--patches", patches.toString(), "--base", base, "-C",
            repo.toString(), "--format", "json", "-v");
        ReviewFixtures.Run whole = run("review", "--patches", patches.toString(), "--base", base, "-C",
            repo.toString(), "--format", "json", "--no-cache");

        assertThat(cached.err()).contains("tpsync: patch by patch").doesNotContain("tpsync: facts");
        assertThat(cached.out()).isEqualTo(whole.out()).contains("lost-rcuidle");
    }

    @Test
    void theFirstReviewOfARangeKeepsItsBaseSummaryAndTheNextGoesPatchByPatch() throws IOException {
        shortWaySeries();

        ReviewFixtures.Run first = review(base, "-v");
        ReviewFixtures.Run second = review(base, "-v");

        assertThat(first.err()).contains("tpsync: facts").doesNotContain("tpsync: patch by patch");
        assertThat(second.err()).contains("tpsync: patch by patch").doesNotContain("tpsync: facts");
        assertThat(second.out()).isEqualTo(first.out());
    }

    /**
     * A helper that sleeps added where nothing reaches it, then called from perf_tp_event(),
     * which NMI reaches. Judged whole, the series keeps the base tree's sleepers as boundaries:
     * the new helper is none, so the rcu_read_lock() behind it is reached in NMI. Judged patch by
     * patch, the second patch's base has the helper sleeping; taken as a boundary there, the
     * finding behind it would be missed: the search takes the series base's word on it.
     */
    @Test
    void aSearchReachingAFunctionAnEarlierPatchMadeSleepTakesTheSeriesBasesWordOnIt() throws IOException {
        // Reached code that sleeps in the base: might_sleep() is a name reached code calls, so the
        // helper calling it below is one the slice vouches for.
        edit(CORE_C, "void perf_tp_event(u16 type,", "static void perf_tp_flush(void)\n{\n\tmight_sleep();\n}\n\n"
            + "void perf_tp_event(u16 type,");
        edit(CORE_C, "\tperf_swevent_put_recursion_context(rctx);\n}\n",
            "\tperf_swevent_put_recursion_context(rctx);\n\tperf_tp_flush();\n}\n");
        commit("perf: flush after a tracepoint record");
        String sleepingBase = git(repo, "rev-parse", "HEAD").strip();
        warm();
        edit(CORE_C, "void perf_tp_event(u16 type,", "static void perf_tp_settle(void)\n{\n\trcu_read_lock();\n"
            + "\trcu_read_unlock();\n}\n\nstatic void perf_tp_wait(void)\n{\n\tmight_sleep();\n\tperf_tp_settle();\n}\n\n"
            + "void perf_tp_event(u16 type,");
        commit("perf: a helper that waits for readers");
        edit(CORE_C, "\tperf_sample_data_init(&data, 0, 0);\n", "\tperf_sample_data_init(&data, 0, 0);\n"
            + "\tperf_tp_wait();\n");
        commit("perf: wait for readers before delivering a record");

        ReviewFixtures.Run cached = review(sleepingBase, "-v");
        ReviewFixtures.Run whole = review(sleepingBase, "--no-cache");

        assertThat(cached.err()).contains("tpsync: patch by patch").doesNotContain("tpsync: facts");
        assertThat(cached.out()).isEqualTo(whole.out());
        // The rcu_read_lock() in perf_tp_settle() is one of the second patch's findings.
        assertThat(introduced(whole.json()).get(1)).containsExactly("nmi-perf-rcu", "nmi-perf-rcu");
    }

    /** A sleep added where no context reaches: no search of a later patch asks whether it is a boundary. */
    @Test
    void aFunctionMadeToSleepWhereNothingReachesItKeepsTheSeriesPatchByPatch() throws IOException {
        warm();
        edit(SAMPLE_C, "\tstats = kzalloc(sizeof(*stats), GFP_KERNEL);\n",
            "\tmight_sleep();\n\tstats = kzalloc(sizeof(*stats), GFP_KERNEL);\n");
        commit("misc/tp_sample: say that init sleeps");
        shortWaySeries();

        ReviewFixtures.Run cached = review(base, "-v");
        ReviewFixtures.Run whole = review(base, "--no-cache");

        assertThat(cached.err()).contains("tpsync: patch by patch").doesNotContain("tpsync: facts");
        assertThat(cached.out()).isEqualTo(whole.out()).contains("lost-rcuidle");
    }

    @Test
    void aPatchCallingWhatNoReachedCodeCalledIsJudgedOnAWiderSliceAndTheSeriesGoesOn() throws IOException {
        warm();
        edit(IDLE_C, "\tnohz_run_idle_balance(cpu);\n", "\tnohz_run_idle_balance(cpu);\n\tcpu_idle_force_poll = 0;\n");
        commit("sched/idle: stop forcing the poll after a balance");
        // NMI reaches perf_tp_event(); the helper it calls now only the ioctl path called, so the
        // slice lacks it: the patch is judged on the slice widened by its definition (and the
        // RCU read side in it is reported), and the next patch on the slice made anew after it.
        edit(CORE_C, "\tperf_sample_data_init(&data, 0, 0);\n", "\tperf_sample_data_init(&data, 0, 0);\n"
            + "\tif (!perf_event_count_readers(event))\n\t\treturn;\n");
        commit("perf: deliver a tracepoint record only while someone reads the buffer");
        edit(IDLE_C, "\tlocal_irq_enable();\n", "\tlocal_irq_enable();\n\tcpu_relax();\n");
        commit("sched/idle: relax once before polling");
        edit(SAMPLE_C, "\tu64 last;\n", "\tu64 last;\n\tu64 first;\n");
        commit("misc/tp_sample: keep the first tick too");

        ReviewFixtures.Run cached = review(base, "-v");
        ReviewFixtures.Run whole = review(base, "--no-cache");

        assertThat(cached.err()).contains("tpsync: patch by patch").doesNotContain("tpsync: facts");
        assertThat(cached.out()).isEqualTo(whole.out());
        assertThat(introduced(whole.json())).containsExactly(List.of(), List.of("nmi-perf-rcu"), List.of(), List.of());
    }

    @Test
    void aPatchNoShortWayJudgesSendsTheSeriesToTheWholeTree() throws IOException {
        warm();
        edit(IDLE_C, "\tnohz_run_idle_balance(cpu);\n", "\tnohz_run_idle_balance(cpu);\n\tcpu_idle_force_poll = 0;\n");
        commit("sched/idle: stop forcing the poll after a balance");
        // A file renamed: review judges it on the whole tree even alone.
        git(repo, "mv", COUNTER_C, "drivers/misc/tp_tick_counter.c");
        commit("tp_counter: rename to tp_tick_counter");
        edit(IDLE_C, "\ttrace_cpu_idle(0, smp_processor_id());\n\tstop_critical_timings();\n\tct_idle_enter();\n",
            "\tstop_critical_timings();\n\tct_idle_enter();\n\ttrace_cpu_idle(0, smp_processor_id());\n");
        commit("sched/idle: trace the idle entry later");

        ReviewFixtures.Run cached = review(base, "-v");
        ReviewFixtures.Run whole = review(base, "--no-cache");

        assertThat(cached.err()).contains("tpsync: patch by patch", "tpsync: facts");
        assertThat(cached.out()).isEqualTo(whole.out()).contains("lost-rcuidle");
    }

    @Test
    void aSeriesReviewedAgainFindsTheSliceModelsOfItsPatchesEvenAfterItsLastPatchIsAmended() throws IOException {
        warm();
        // Reached code in two files in turn: the second patch is judged on the model of the
        // slice the first leaves, with its own file whole, built through the cache; the third
        // on the model the second leaves (which holds both files whole already).
        edit(IDLE_C, "\tlocal_irq_enable();\n", "\tlocal_irq_enable();\n\tcpu_relax();\n");
        commit("sched/idle: relax once before polling");
        edit(NMI_C, "\tif (handled)\n\t\treturn;\n", "\tif (handled)\n\t\treturn;\n\n"
            + "\thandled = nmi_handle(NMI_UNKNOWN, regs);\n\tif (handled)\n\t\treturn;\n");
        commit("x86/nmi: give the unknown-NMI handlers their turn");
        edit(IDLE_C, "\ttrace_cpu_idle(0, smp_processor_id());\n\tstop_critical_timings();\n\tct_idle_enter();\n",
            "\tstop_critical_timings();\n\tct_idle_enter();\n\ttrace_cpu_idle(0, smp_processor_id());\n");
        commit("sched/idle: trace the idle entry later");

        ReviewFixtures.Run first = review(base, "-v");
        assertThat(first.err()).contains("tpsync: patch by patch").doesNotContain("tpsync: facts");
        Set<String> kept = sliceModels();
        assertThat(kept).as("the base slice's model and that of the slice the first patch leaves").hasSize(2);

        ReviewFixtures.Run again = review(base);
        assertThat(sliceModels()).as("a slice made again is named as before: no model is built anew").isEqualTo(kept);
        assertThat(again.out()).isEqualTo(first.out());

        // The last patch amended: the first two leave the same slices, named as before.
        edit(IDLE_C, "\ttrace_cpu_idle(0, smp_processor_id());\n", "\ttrace_cpu_idle(0, smp_processor_id());\n"
            + "\tcpu_relax();\n");
        git(repo, "commit", "-q", "-a", "--amend", "-m", "sched/idle: trace the idle entry later, then relax");
        ReviewFixtures.Run amended = review(base, "-v");
        ReviewFixtures.Run whole = review(base, "--no-cache");

        assertThat(amended.err()).contains("tpsync: patch by patch").doesNotContain("tpsync: facts");
        assertThat(sliceModels()).isEqualTo(kept);
        assertThat(amended.out()).isEqualTo(whole.out()).contains("lost-rcuidle");
    }

    /** The names of the slices' graphs the model cache keeps. */
    private Set<String> sliceModels() throws IOException {
        try (var files = Files.walk(repo.resolve(".git/tpsync/cache"))) {
            return files.filter(f -> f.toString().endsWith(".model") && f.getParent().endsWith("slice-models"))
                .map(f -> f.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** The range from {@code from} to HEAD reviewed in JSON, with {@code options}. */
    private ReviewFixtures.Run review(String from, String... options) {
        List<String> args = new ArrayList<>(List.of("review", from + "..HEAD", "-C", repo.toString(), "--format",
            "json"));
        args.addAll(List.of(options));
        return run(args.toArray(String[]::new));
    }

    private void warm() {
        ReviewFixtures.Run warmed = run("hook", "warm", "-C", repo.toString());
        assertThat(warmed.exit()).as(warmed.err()).isZero();
    }

    private void edit(String path, String from, String to) throws IOException {
        Path file = repo.resolve(path);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).contains(from);
        Files.writeString(file, text.replaceFirst(java.util.regex.Pattern.quote(from),
            java.util.regex.Matcher.quoteReplacement(to)), StandardCharsets.UTF_8);
    }

    private void commit(String subject) throws IOException {
        git(repo, "commit", "-q", "-a", "-m", subject);
    }

    /** The rules of each patch's introduced findings, patch by patch. */
    private static List<List<String>> introduced(JsonNode report) {
        List<List<String>> out = new ArrayList<>();
        for (JsonNode patch : report.get("patches")) {
            List<String> rules = new ArrayList<>();
            patch.get("introduced").forEach(f -> rules.add(f.get("rule").asText()));
            out.add(rules);
        }
        return out;
    }
}
