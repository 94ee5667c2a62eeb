package dev.tpsync.rules;

import static dev.tpsync.rules.FixtureEdits.SPEC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.StructureParser;
import dev.tpsync.model.ContextSlice;
import dev.tpsync.model.Definitions;
import dev.tpsync.model.ContextSummary;
import dev.tpsync.model.Contexts;
import dev.tpsync.model.ModelBuilder;
import dev.tpsync.patch.AppliedPatch;
import dev.tpsync.report.Report;
import dev.tpsync.review.ReviewEngine;
import dev.tpsync.rules.builtin.BuiltinRules;
import dev.tpsync.rules.engine.RuleRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Review's answer on a slice of the tree ({@link ReviewEngine#fromSlice}) against the whole-tree
 * review it stands in for, on every file of every rule fixture with the edits of
 * {@link FixtureEdits}: wherever the slice answers, its report (findings, chains, messages) and the
 * summary it leaves must be the whole tree's; it must answer edits of reached functions, findings
 * among them, and send the change the long way when the change calls what the slice cannot vouch
 * for, or when the slice does not reach what the summary says.
 */
class SliceReviewTest {

    private static final String BLOB = FixtureEdits.BLOB;

    private static ReviewEngine engine() {
        return new ReviewEngine(SPEC, new RuleRunner(BuiltinRules.all(), Map.of()), true);
    }

    private static Optional<ReviewEngine.SliceReview> onSlice(ReviewEngine engine, List<AppliedPatch> applied,
                                                             ContextSummary summary, ContextSlice slice) {
        return engine.fromSlice(applied, summary, slice, path -> Optional.of(BLOB), List.of("test"), List.of());
    }

    @Test
    void whereTheSliceAnswersItAnswersAsTheWholeTreeReview(@TempDir Path tmp) throws IOException {
        ReviewEngine engine = engine();
        int answered = 0;
        int redefining = 0;
        int declaring = 0;
        int tracingNamed = 0;
        int templates = 0;
        int wider = 0;
        int restorable = 0;
        int refused = 0;
        int reachedWithFindings = 0;
        for (FixtureEdits.CaseFile cf : FixtureEdits.everyCaseFile(tmp)) {
            ContextSlice slice = cf.of().slice();
            for (Map.Entry<String, String> edit : FixtureEdits.edits(cf.text()).entrySet()) {
                List<AppliedPatch> applied = List.of(FixtureEdits.applied(cf.file(), cf.text(), edit.getValue()));

                Optional<Judged> judged = asTheHookJudges(engine, applied, cf.of(), slice);

                if (judged.isEmpty()) {
                    refused++;
                    continue;
                }
                Optional<ReviewEngine.SliceReview> shortcut = Optional.of(judged.get().review());
                answered++;
                if (judged.get().widenings() > 0) {
                    wider++;
                }
                boolean definitionsKept = definitions(cf.text()).equals(definitions(edit.getValue()));
                if (!definitionsKept) {
                    redefining++;
                }
                if (edit.getKey().startsWith("a tracepoint declared")) {
                    declaring++;
                }
                if (edit.getKey().startsWith("a trace_*")) {
                    tracingNamed++;
                }
                if (edit.getKey().endsWith("in every template")) {
                    templates++;
                }
                Report whole = engine.review(cf.of().base(), applied, List.of("test"), List.of());
                assertThat(shortcut.get().report()).as("%s: %s in %s", cf.fixture(), edit.getKey(), cf.file())
                    .isEqualTo(whole);
                assertThat(shortcut.get().after()).as("the summary left, %s: %s", cf.fixture(), edit.getKey())
                    .isEqualTo(summaryAfter(cf, edit.getValue()));
                assertThat(reachedOn(shortcut.get().sliceAfter().orElseThrow().facts()))
                    .as("what the slice left reaches, %s: %s", cf.fixture(), edit.getKey())
                    .isEqualTo(reachedOn(treeAfter(cf, edit.getValue())));
                if (shortcut.get().modelAfter().isPresent()) {
                    // Kept for the next commit's hook to restore: it must be what a build makes.
                    restorable++;
                    assertThat(describe(shortcut.get().modelAfter().get().model()))
                        .as("the model left, %s: %s", cf.fixture(), edit.getKey())
                        .isEqualTo(describe(ModelBuilder.build(shortcut.get().sliceAfter().get().facts(), SPEC)));
                }
                if (cf.of().summary().reached().containsKey(cf.file()) && !whole.patches().get(0).introduced().isEmpty()) {
                    reachedWithFindings++;
                }
            }
        }
        System.out.printf("SliceReviewTest: %d edits answered (%d on a wider slice, %d of templates), %d refused%n",
            answered, wider, templates, refused);
        assertThat(answered).as("edits the slice answered").isGreaterThan(100);
        assertThat(restorable).as("answered edits that leave a model to restore: those keeping definitions")
            .isEqualTo(answered - redefining);
        assertThat(redefining).as("answered edits that define names anew or take definitions away").isGreaterThan(50);
        assertThat(declaring).as("answered edits that declare a tracepoint").isGreaterThan(10);
        assertThat(tracingNamed).as("answered edits that define a trace_* name no tracepoint has").isGreaterThan(10);
        assertThat(templates).as("answered edits of the probe templates' bodies").isGreaterThan(8);
        assertThat(wider).as("answered edits that call what no reached code called, on a wider slice")
            .isGreaterThan(50);
        assertThat(reachedWithFindings).as("answered edits of reached files that introduce a finding").isPositive();
        assertThat(refused).as("edits sent the long way").isPositive();
    }

    /** A slice review, and how many times the slice was widened for it. */
    private record Judged(ReviewEngine.SliceReview review, int widenings) {
    }

    /**
     * The review of {@code applied} as a hook run makes it on a case's {@code slice}: on the
     * slice, then, while the refusal names calls beyond it, on a slice with their definitions
     * and what those call, three times at most (SeriesReview's widening).
     */
    private static Optional<Judged> asTheHookJudges(ReviewEngine engine, List<AppliedPatch> applied,
                                                    FixtureEdits.Case c, ContextSlice slice) {
        java.util.concurrent.atomic.AtomicReference<java.util.Set<String>> beyond =
            new java.util.concurrent.atomic.AtomicReference<>(java.util.Set.of());
        ContextSlice on = slice;
        for (int widenings = 0; widenings <= 3; widenings++) {
            Optional<ReviewEngine.SliceReview> judged = engine.fromSlice(applied, c.summary(), on,
                (files, whole) -> dev.tpsync.model.IncrementalModel.build(files, SPEC, 1), path -> Optional.of(BLOB),
                List.of("test"), List.of(), beyond::set);
            if (judged.isPresent()) {
                return Optional.of(new Judged(judged.get(), widenings));
            }
            Optional<ContextSlice> wider = beyond.get().isEmpty() || widenings == 3 ? Optional.empty()
                : on.withDefinitionsOf(beyond.getAndSet(java.util.Set.of()), c.definitions(), SPEC,
                    path -> Optional.of(BLOB));
            if (wider.isEmpty()) {
                return Optional.empty();
            }
            on = wider.get();
        }
        return Optional.empty();
    }

    @Test
    void aFileThePatchAddsIsJudgedOnTheSliceAsOnTheTree(@TempDir Path tmp) throws IOException {
        ReviewEngine engine = engine();
        Map<String, Integer> answered = new TreeMap<>();
        for (FixtureEdits.Case c : FixtureEdits.everyCase(tmp)) {
            ContextSlice slice = c.slice();
            for (Map.Entry<String, String> file : c.newFiles().entrySet()) {
                List<AppliedPatch> applied = List.of(FixtureEdits.added(FixtureEdits.NEW_FILE, file.getValue()));

                Optional<ReviewEngine.SliceReview> shortcut = onSlice(engine, applied, c.summary(), slice);

                if (shortcut.isPresent()) {
                    answered.merge(file.getKey(), 1, Integer::sum);
                    assertThat(shortcut.get().report()).as("%s: %s", c.fixture(), file.getKey())
                        .isEqualTo(engine.review(c.base(), applied, List.of("test"), List.of()));
                    assertThat(shortcut.get().sliceAfter().orElseThrow().files()).containsKey(FixtureEdits.NEW_FILE);
                }
            }
        }
        assertThat(answered).as("new files judged on the slice, by kind").hasSize(3).allSatisfy((kind, n) ->
            assertThat(n).isGreaterThan(5));
    }

    @Test
    void aFileThePatchDeletesOrRenamesIsJudgedOnTheSliceAsOnTheTree(@TempDir Path tmp) throws IOException {
        ReviewEngine engine = engine();
        Map<String, Integer> answered = new TreeMap<>();
        for (FixtureEdits.CaseFile cf : FixtureEdits.everyCaseFile(tmp)) {
            ContextSlice slice = cf.of().slice();
            String moved = cf.file().replaceFirst("(\\.[ch])$", "_moved$1");
            for (AppliedPatch change : List.of(FixtureEdits.deleted(cf.file(), cf.text()),
                FixtureEdits.renamed(cf.file(), moved, cf.text()))) {
                List<AppliedPatch> applied = List.of(change);

                Optional<ReviewEngine.SliceReview> shortcut = onSlice(engine, applied, cf.of().summary(), slice);

                if (shortcut.isPresent()) {
                    answered.merge(change.patch().subject(), 1, Integer::sum);
                    assertThat(shortcut.get().report()).as("%s: %s %s", cf.fixture(), change.patch().subject(),
                        cf.file()).isEqualTo(engine.review(cf.of().base(), applied, List.of("test"), List.of()));
                    assertThat(shortcut.get().sliceAfter().orElseThrow().files()).doesNotContainKey(cf.file());
                }
            }
        }
        assertThat(answered).as("files deleted and renamed, judged on the slice").hasSize(2)
            .allSatisfy((kind, n) -> assertThat(n).isGreaterThan(5));
    }

    /**
     * Each function of {@code text} as resolution sees it, in order, and each tracepoint it
     * declares: a rebuild keeps the nodes of the same list.
     */
    private static List<String> definitions(String text) {
        FileFacts f = StructureParser.parse("edited.c", text);
        List<String> out = new ArrayList<>(f.functions().stream()
            .map(fn -> fn.name() + " " + fn.kind() + " " + fn.isStatic() + " " + fn.condition()).toList());
        f.tracepoints().forEach(tp -> out.add("tracepoint " + tp.name() + " " + tp.eventClass()));
        return out;
    }

    /** The summary of the whole tree after {@code changed} replaces the case file's text. */
    private static ContextSummary summaryAfter(FixtureEdits.CaseFile cf, String changed) {
        // The tree's own: the review searches the image after a patch with the base's sleepers,
        // and keeps what that tree reaches alone (Contexts.alone), which the next commit's slice
        // is checked against.
        return ContextSummary.of(Contexts.compute(ModelBuilder.build(treeAfter(cf, changed), SPEC)));
    }

    /** The facts of the case's tree after {@code changed} replaces the case file's text. */
    private static List<FileFacts> treeAfter(FixtureEdits.CaseFile cf, String changed) {
        List<FileFacts> after = new ArrayList<>();
        for (FileFacts f : cf.of().base()) {
            after.add(f.path().equals(cf.file()) ? StructureParser.parse(cf.file(), changed) : f);
        }
        return after;
    }

    /** Every node with its out-edges in order, and the edge file table: equal only for the same numbering and order. */
    private static List<String> describe(dev.tpsync.model.CodeModel model) {
        List<String> out = new ArrayList<>();
        for (dev.tpsync.model.Node n : model.nodes()) {
            out.add(n.id() + " " + n.kind() + " " + n.name() + " " + n.file() + ":" + n.line() + " "
                + model.unknownIndirectCalls(n.id()) + " -> " + model.outEdges(n.id()));
        }
        out.add("edge files " + model.edges().edgeFiles());
        return out;
    }

    /** What a context reaches in the model of {@code files}, searched as the next review's base is. */
    private static Map<String, java.util.SortedSet<String>> reachedOn(List<FileFacts> files) {
        return ContextSummary.of(Contexts.compute(ModelBuilder.build(files, SPEC))).reached();
    }

    @Test
    void aReachedFunctionThatNowCallsWhatNoReachedCodeCallsGoesTheLongWay(@TempDir Path tmp) throws IOException {
        FixtureEdits.CaseFile cf = reachedCaseFile(tmp);
        ContextSlice slice = cf.of().slice();
        String changed = inReachedBody(cf, "\ttpsync_never_called_anywhere();\n");
        String vouched = inReachedBody(cf, "\t" + slice.reachedCallees().first() + "();\n");

        assertThat(onSlice(engine(), List.of(FixtureEdits.applied(cf.file(), cf.text(), vouched)), cf.of().summary(),
            slice)).as("a name reached code calls").isPresent();
        assertThat(onSlice(engine(), List.of(FixtureEdits.applied(cf.file(), cf.text(), changed)), cf.of().summary(),
            slice)).isEmpty();
    }

    @Test
    void aSliceThatDoesNotReachWhatTheSummarySaysIsNotTrusted(@TempDir Path tmp) throws IOException {
        FixtureEdits.CaseFile cf = reachedCaseFile(tmp);
        ContextSlice slice = cf.of().slice();
        TreeMap<String, java.util.SortedSet<String>> more = new TreeMap<>(cf.of().summary().reached());
        more.put("kernel/nowhere.c", new java.util.TreeSet<>(List.of("nowhere")));
        ContextSummary claimsMore = new ContextSummary(more, cf.of().summary().references());
        String changed = cf.text().replaceFirst("(?m)^\\{\n", "{\n\tschedule();\n");

        assertThat(onSlice(engine(), List.of(FixtureEdits.applied(cf.file(), cf.text(), changed)), claimsMore, slice))
            .isEmpty();
    }

    @Test
    void aChangeThatAddsARegistrationGoesTheLongWay(@TempDir Path tmp) throws IOException {
        FixtureEdits.CaseFile cf = reachedCaseFile(tmp);
        String registered = cf.text().replaceFirst("(?m)^\\{\n",
            "{\n\tregister_trace_sched_switch(probe_fn, NULL);\n");

        assertThat(onSlice(engine(), List.of(FixtureEdits.applied(cf.file(), cf.text(), registered)),
            cf.of().summary(), cf.of().slice())).isEmpty();
    }

    @Test
    void aChangeThatAddsADefinitionToReachedCodeIsJudgedOnTheSliceAsOnTheTree(@TempDir Path tmp) throws IOException {
        FixtureEdits.CaseFile cf = reachedCaseFile(tmp);
        ReviewEngine engine = engine();
        // The helper may call only what reached code calls already: it is reached from now on.
        String defined = inReachedBody(cf, "\ttpsync_added();\n") + "\nstatic void tpsync_added(void)\n{\n\t"
            + cf.of().slice().reachedCallees().first() + "();\n}\n";
        List<AppliedPatch> applied = List.of(FixtureEdits.applied(cf.file(), cf.text(), defined));

        Optional<ReviewEngine.SliceReview> shortcut = onSlice(engine, applied, cf.of().summary(), cf.of().slice());

        assertThat(shortcut).isPresent();
        assertThat(shortcut.get().report()).isEqualTo(engine.review(cf.of().base(), applied, List.of("test"), List.of()));
        assertThat(shortcut.get().modelAfter()).as("a node was added: the model is not numbered as a build's").isEmpty();
        assertThat(shortcut.get().after().reaches(cf.file(), "tpsync_added")).isTrue();
    }

    /** A small tree's files, contexts and slice. */
    private record SmallTree(List<FileFacts> base, Contexts contexts, ContextSlice slice) {
        static SmallTree of(FileFacts... files) {
            List<FileFacts> base = List.of(files);
            Contexts contexts = Contexts.compute(ModelBuilder.build(base, SPEC));
            return new SmallTree(base, contexts, ContextSlice.of(contexts, path -> Optional.of(BLOB)).orElseThrow());
        }

        ContextSummary summary() {
            return ContextSummary.of(contexts);
        }

        /** The slice review of {@code applied}, which must answer, and answer as the whole-tree review. */
        ReviewEngine.SliceReview judgedAsTheTree(List<AppliedPatch> applied) {
            ReviewEngine engine = engine();
            Optional<ReviewEngine.SliceReview> shortcut = onSlice(engine, applied, summary(), slice);
            assertThat(shortcut).isPresent();
            assertThat(shortcut.get().report()).isEqualTo(engine.review(base, applied, List.of("test"), List.of()));
            return shortcut.get();
        }
    }

    /** An NMI entry calling nmi_handle(), and a PMU driver registering a handler nothing defines yet. */
    private static final String NMI = "void nmi_handle(void)\n{\n}\n\nvoid exc_nmi(void)\n{\n\tnmi_handle();\n}\n";
    private static final String PMU = "static int pmu_init(void)\n{\n"
        + "\tregister_nmi_handler(NMI_LOCAL, pmu_nmi_handler, 0, \"pmu\");\n\treturn 0;\n}\n";

    @Test
    void aDefinitionOfANameARegistrationNamesIsJudgedOnTheSliceEvenWhenTheRegistrationMadeNoEdge() {
        String before = "void foo(void)\n{\n}\n";
        String after = before + "\nint pmu_nmi_handler(unsigned int cmd, struct pt_regs *regs)\n{\n\treturn 0;\n}\n";
        SmallTree tree = SmallTree.of(StructureParser.parse("arch/x86/kernel/nmi.c", NMI),
            StructureParser.parse("arch/x86/events/pmu.c", PMU), StructureParser.parse("kernel/foo.c", before));

        ReviewEngine.SliceReview judged = tree.judgedAsTheTree(List.of(FixtureEdits.applied("kernel/foo.c", before,
            after)));

        assertThat(tree.slice().files()).as("a registering function is kept, edge or not")
            .containsKey("arch/x86/events/pmu.c");
        assertThat(judged.after().reaches("kernel/foo.c", "pmu_nmi_handler"))
            .as("the new handler runs in NMI").isTrue();
    }

    @Test
    void takingAwayADefinitionARegistrationNamesGoesTheLongWay() {
        String before = "void foo(void)\n{\n}\n\nint pmu_nmi_handler(unsigned int cmd, struct pt_regs *regs)\n{\n"
            + "\treturn 0;\n}\n";
        String after = before.replace("pmu_nmi_handler", "pmu_nmi_handler_old");
        SmallTree tree = SmallTree.of(StructureParser.parse("arch/x86/kernel/nmi.c", NMI),
            StructureParser.parse("arch/x86/events/pmu.c", PMU), StructureParser.parse("kernel/foo.c", before));

        // Another definition of the name, in a file the slice does not hold, might take its place.
        assertThat(onSlice(engine(), List.of(FixtureEdits.applied("kernel/foo.c", before, after)), tree.summary(),
            tree.slice())).isEmpty();
    }

    @Test
    void aTraceNamedFunctionIsJudgedOnTheSliceUnlessItsNameIsADeclaredTracepointsCall() {
        String events = "TRACE_EVENT(tpsync_poll,\n\tTP_PROTO(int cpu),\n\tTP_ARGS(cpu),\n"
            + "\tTP_STRUCT__entry(__field(int, cpu)),\n\tTP_fast_assign(__entry->cpu = cpu;),\n"
            + "\tTP_printk(\"cpu=%d\", __entry->cpu)\n);\n";
        String idle = "void cpu_idle_poll(void)\n{\n\tct_idle_enter();\n\tfoo_reached();\n\tct_idle_exit();\n}\n";
        String foo = "void foo_reached(void)\n{\n}\n";
        SmallTree tree = SmallTree.of(StructureParser.parse("include/trace/events/tpsync.h", events),
            StructureParser.parse("kernel/sched/idle.c", idle), StructureParser.parse("kernel/foo.c", foo));
        // No tracepoint foo_note: the helper is a plain function, as trace_hardirqs_on() is, and
        // reached where RCU is not watching from now on.
        String helper = foo.replace("{\n}", "{\n\ttrace_foo_note();\n}")
            + "\nstatic void trace_foo_note(void)\n{\n}\n";

        ReviewEngine.SliceReview judged = tree.judgedAsTheTree(List.of(FixtureEdits.applied("kernel/foo.c", foo,
            helper)));

        assertThat(judged.after().reaches("kernel/foo.c", "trace_foo_note")).isTrue();
        // Named as the declared tracepoint's call (or its rcuidle variant): calls of the name are
        // the tracepoint's, which the slice cannot vouch for.
        for (String name : List.of("trace_tpsync_poll", "trace_tpsync_poll_rcuidle")) {
            String shadow = foo + "\nvoid " + name + "(int cpu)\n{\n}\n";
            assertThat(onSlice(engine(), List.of(FixtureEdits.applied("kernel/foo.c", foo, shadow)), tree.summary(),
                tree.slice())).as(name).isEmpty();
        }
        String unshadowed = foo + "\nvoid trace_tpsync_polled(int cpu)\n{\n}\n";
        tree.judgedAsTheTree(List.of(FixtureEdits.applied("kernel/foo.c", foo, unshadowed)));
    }

    @Test
    void aCallInARegionOfWhatNoReachedCodeCallsIsJudgedOnASliceWithItsDefinitionsAndWhatTheyCall() {
        String idle = "void cpu_idle_poll(void)\n{\n\tct_idle_enter();\n\tfoo_reached();\n\tct_idle_exit();\n}\n";
        String foo = "void foo_reached(void)\n{\n}\n";
        String helper = "void helper_outside(void)\n{\n\thelper_deeper();\n}\n";
        String deeper = "void helper_deeper(void)\n{\n\ttrace_sched_switch(0, 0, 0);\n}\n\n"
            + "static void deeper_own(void)\n{\n}\n\nvoid helper_unrelated(void)\n{\n\tdeeper_own();\n}\n";
        String events = "TRACE_EVENT(sched_switch,\n\tTP_PROTO(int a, int b, int c),\n\tTP_ARGS(a, b, c),\n"
            + "\tTP_STRUCT__entry(__field(int, a)),\n\tTP_fast_assign(__entry->a = a;),\n\tTP_printk(\"%d\", __entry->a)\n);\n";
        SmallTree tree = SmallTree.of(StructureParser.parse("include/trace/events/sched.h", events),
            StructureParser.parse("kernel/sched/idle.c", idle), StructureParser.parse("kernel/foo.c", foo),
            StructureParser.parse("lib/helper.c", helper), StructureParser.parse("lib/deeper.c", deeper));
        // cpu_idle_poll() is not reached itself: the call in its region is.
        String after = idle.replace("\tfoo_reached();\n", "\tfoo_reached();\n\thelper_outside();\n");
        List<AppliedPatch> applied = List.of(FixtureEdits.applied("kernel/sched/idle.c", idle, after));
        ReviewEngine engine = engine();
        java.util.concurrent.atomic.AtomicReference<java.util.Set<String>> beyond =
            new java.util.concurrent.atomic.AtomicReference<>(java.util.Set.of());

        Optional<ReviewEngine.SliceReview> onTheSlice = engine.fromSlice(applied, tree.summary(), tree.slice(),
            (files, whole) -> dev.tpsync.model.IncrementalModel.build(files, SPEC, 1), path -> Optional.of(BLOB),
            List.of("test"), List.of(), beyond::set);

        assertThat(tree.slice().files()).doesNotContainKey("lib/helper.c");
        assertThat(onTheSlice).as("helper_outside() has no definition in the slice").isEmpty();
        assertThat(beyond.get()).containsExactly("helper_outside");

        ContextSlice wider = tree.slice().withDefinitionsOf(beyond.get(),
            Definitions.of(tree.base()), SPEC, path -> Optional.of(BLOB))
            .orElseThrow();
        assertThat(wider.reachedCallees()).contains("helper_outside", "helper_deeper");
        assertThat(wider.facts().stream().filter(f -> f.path().equals("lib/deeper.c")).findFirst().orElseThrow()
            .functions()).extracting(dev.tpsync.c.structure.FunctionDef::name).containsExactly("helper_deeper");
        Optional<ReviewEngine.SliceReview> judged = engine.fromSlice(applied, tree.summary(), wider,
            path -> Optional.of(BLOB), List.of("test"), List.of());
        assertThat(judged).isPresent();
        assertThat(judged.get().report()).isEqualTo(engine.review(tree.base(), applied, List.of("test"), List.of()));
        assertThat(judged.get().report().patches().get(0).introduced()).as("the tracepoint two calls into the region")
            .isNotEmpty();
        assertThat(judged.get().after().reaches("lib/deeper.c", "helper_deeper")).isTrue();
        assertThat(judged.get().after().reached()).isEqualTo(ContextSummary.reachedIn(Contexts.compute(
            ModelBuilder.build(tree.base().stream().map(f -> f.path().equals("kernel/sched/idle.c")
                ? StructureParser.parse("kernel/sched/idle.c", after) : f).toList(), SPEC))));
    }

    @Test
    void callsBeyondTheSliceAreForeseenFromTheTouchedFilesWhereAContextReachesThem() {
        String idle = "void cpu_idle_poll(void)\n{\n\tct_idle_enter();\n\tfoo_reached();\n\tct_idle_exit();\n}\n";
        String foo = "void foo_reached(void)\n{\n}\n\nvoid foo_unreached(void)\n{\n}\n";
        SmallTree tree = SmallTree.of(StructureParser.parse("kernel/sched/idle.c", idle),
            StructureParser.parse("kernel/foo.c", foo), StructureParser.parse("lib/helper.c",
                "void helper_outside(void)\n{\n}\n"));
        ReviewEngine engine = engine();

        // In the region of a function that starts a context (not reached itself), and in a reached function.
        assertThat(engine.callsBeyondForeseen(List.of(FixtureEdits.applied("kernel/sched/idle.c", idle,
            idle.replace("\tfoo_reached();\n", "\tfoo_reached();\n\thelper_outside();\n"))), tree.summary(),
            tree.slice())).containsExactly("helper_outside");
        assertThat(engine.callsBeyondForeseen(List.of(FixtureEdits.applied("kernel/foo.c", foo,
            foo.replaceFirst("\\{\n\\}", "{\n\thelper_outside();\n\tfoo_unreached();\n}"))), tree.summary(),
            tree.slice())).as("foo_unreached() is its own file's").containsExactly("helper_outside");
        // Where nothing reaches, and of a name reached code calls already.
        assertThat(engine.callsBeyondForeseen(List.of(FixtureEdits.applied("kernel/foo.c", foo,
            foo.replace("void foo_unreached(void)\n{\n", "void foo_unreached(void)\n{\n\thelper_outside();\n"))),
            tree.summary(), tree.slice())).isEmpty();
        assertThat(engine.callsBeyondForeseen(List.of(FixtureEdits.applied("kernel/sched/idle.c", idle,
            idle.replace("\tct_idle_exit();\n", "\tfoo_reached();\n\tct_idle_exit();\n"))), tree.summary(),
            tree.slice())).isEmpty();
    }

    @Test
    void aSliceGrowsByWhatItDoesNotHoldOnly() {
        String idle = "void cpu_idle_poll(void)\n{\n\tct_idle_enter();\n\tct_idle_exit();\n}\n";
        SmallTree tree = SmallTree.of(StructureParser.parse("kernel/sched/idle.c", idle),
            StructureParser.parse("kernel/nmi.c", "void nmi_handle(void)\n{\n}\n"));

        assertThat(tree.slice().withDefinitionsOf(java.util.Set.of("nmi_handle"),
            Definitions.of(tree.base()), SPEC, path -> Optional.of(BLOB)).orElseThrow().reachedCallees())
            .as("a callback invoker: every definition is held already").contains("nmi_handle");
        assertThat(tree.slice().withDefinitionsOf(java.util.Set.of("nothing_defines_this"),
            Definitions.of(tree.base()), SPEC, path -> Optional.of(BLOB)).orElseThrow().reachedCallees())
            .as("no definition: every one of none is held").contains("nothing_defines_this");
    }

    @Test
    void anUnreachedFileThatDefinesANameReachedCodeCallsIsAddedToTheSlice() {
        String idle = "void cpu_idle_poll(void)\n{\n\tct_idle_enter();\n\tfoo_reached();\n\tct_idle_exit();\n}\n";
        String foo = "void foo_reached(void)\n{\n\tct_idle_exit();\n}\n";
        String outside = "void helper_outside(void)\n{\n}\n";
        String outsideAfter = outside + "\nvoid foo_reached(void)\n{\n\tct_idle_exit();\n}\n";
        SmallTree tree = SmallTree.of(StructureParser.parse("drivers/misc/outside.c", outside),
            StructureParser.parse("kernel/foo.c", foo), StructureParser.parse("kernel/sched/idle.c", idle));

        ReviewEngine.SliceReview judged = tree.judgedAsTheTree(List.of(FixtureEdits.applied("drivers/misc/outside.c",
            outside, outsideAfter)));

        assertThat(tree.slice().files()).doesNotContainKey("drivers/misc/outside.c");
        assertThat(judged.sliceAfter().orElseThrow().files()).containsKey("drivers/misc/outside.c");
        assertThat(judged.after().reaches("drivers/misc/outside.c", "foo_reached")).isTrue();
    }

    @Test
    void whatTheSlicesSecondThreadThrowsReachesTheCallerAsThrown() {
        // The files are sliced in two halves, the second on another thread: kernel/sched/z.c is there.
        String idle = "void cpu_idle_poll(void)\n{\n\tct_idle_enter();\n\tfoo_reached();\n\tct_idle_exit();\n}\n";
        String foo = "void foo_reached(void)\n{\n}\n";
        Contexts contexts = Contexts.compute(ModelBuilder.build(List.of(
            StructureParser.parse("kernel/sched/idle.c", idle), StructureParser.parse("kernel/sched/z.c", foo)), SPEC));
        IllegalStateException changed = new IllegalStateException("kernel/sched/z.c: a payload changed after its checksum");

        assertThatThrownBy(() -> ContextSlice.of(contexts, path -> {
            if (path.equals("kernel/sched/z.c")) {
                throw changed;
            }
            return Optional.of(BLOB);
        })).isSameAs(changed);
    }

    /** An NMI handler hitting a tracepoint, whose perf probe (perf_trace_nmi_tp()) so runs in NMI. */
    private static final String NMI_TRACED = "void exc_nmi(void)\n{\n\ttrace_nmi_tp(0);\n}\n";
    private static final String NMI_EVENTS = "TRACE_EVENT(nmi_tp,\n\tTP_PROTO(int v),\n\tTP_ARGS(v),\n"
        + "\tTP_STRUCT__entry(__field(int, v)),\n\tTP_fast_assign(__entry->v = v;),\n\tTP_printk(\"%d\", __entry->v)\n);\n";
    /** perf's probe template, {@code %s} at the top of its body. */
    private static final String PERF_TEMPLATE = "#undef DECLARE_EVENT_CLASS\n"
        + "#define DECLARE_EVENT_CLASS(call, proto, args, tstruct, assign, print)\t\\\n"
        + "static notrace void\t\\\nperf_trace_##call(void *__data, proto)\t\\\n{\t\\\n%s"
        + "\tperf_trace_buf_alloc(0, NULL, NULL);\t\\\n}\n";

    private static SmallTree nmiTracedTree(String template) {
        return SmallTree.of(StructureParser.parse("arch/x86/kernel/nmi.c", NMI_TRACED),
            StructureParser.parse("include/trace/events/nmi.h", NMI_EVENTS),
            // A tracepoint nothing calls: the slice lacks its probes.
            StructureParser.parse("include/trace/events/quiet.h", NMI_EVENTS.replace("nmi_tp", "quiet_tp")),
            StructureParser.parse("include/trace/perf.h", template),
            StructureParser.parse("kernel/trace/trace_event_perf.c", "void *perf_trace_buf_alloc(int size, void *r, "
                + "int *rctx)\n{\n\trcu_read_lock();\n\trcu_read_unlock();\n\treturn 0;\n}\n"));
    }

    @Test
    void anEditOfAProbeTemplateIsJudgedOnTheSliceAsOnTheTree() {
        String before = String.format(PERF_TEMPLATE, "");
        SmallTree tree = nmiTracedTree(before);
        // perf_trace_nmi_tp() runs in NMI: a read side it takes is a finding at the template.
        String after = String.format(PERF_TEMPLATE, "\trcu_read_lock();\t\\\n\trcu_read_unlock();\t\\\n");

        ReviewEngine.SliceReview judged = tree.judgedAsTheTree(List.of(FixtureEdits.applied("include/trace/perf.h",
            before, after)));

        assertThat(judged.report().patches().get(0).introduced()).isNotEmpty();
        ReviewEngine.SliceReview macro = tree.judgedAsTheTree(List.of(FixtureEdits.applied("include/trace/perf.h",
            before, before + "\n#define TPSYNC_NOTE(x) trace_printk(\"%d\", (x))\n")));
        assertThat(macro.report().patches().get(0).introduced()).isEmpty();
    }

    @Test
    void aNameItsFileDefinesTwiceIsNotTakenForTheReachedDefinition() {
        // A stage's #define of the same macro, which generates nothing and calls what no reached
        // code calls: the summary says DECLARE_EVENT_CLASS of include/trace/perf.h is reached,
        // not which of the two.
        String stage = "#undef DECLARE_EVENT_CLASS\n#define DECLARE_EVENT_CLASS(call, proto, args, tstruct, assign, "
            + "print)\t\\\n\tstage_only_helper(call);\n\n";
        String before = stage + String.format(PERF_TEMPLATE, "");
        SmallTree tree = nmiTracedTree(before);
        String after = stage + String.format(PERF_TEMPLATE, "\trcu_read_lock();\t\\\n\trcu_read_unlock();\t\\\n");
        List<AppliedPatch> applied = List.of(FixtureEdits.applied("include/trace/perf.h", before, after));

        assertThat(tree.summary().reaches("include/trace/perf.h", "DECLARE_EVENT_CLASS")).isTrue();
        assertThat(engine().callsBeyondForeseen(applied, tree.summary(), tree.slice())).isEmpty();
        tree.judgedAsTheTree(applied);
        // A macro beside the template, which nothing reached expands: the file is reached as a
        // whole (its generated probe), not the macro.
        String helper = "#define __get_stage_thing(field) stage_only_helper(field)\n\n";
        SmallTree withHelper = nmiTracedTree(helper + before);
        List<AppliedPatch> edited = List.of(FixtureEdits.applied("include/trace/perf.h", helper + before,
            helper + after));
        assertThat(withHelper.summary().reaches("include/trace/perf.h", "__get_stage_thing")).isTrue();
        assertThat(engine().callsBeyondForeseen(edited, withHelper.summary(), withHelper.slice())).isEmpty();
    }

    @Test
    void aProbeTemplateThatStartsAContextOrLinksACallbackGoesTheLongWay() {
        String before = String.format(PERF_TEMPLATE, "");
        SmallTree tree = nmiTracedTree(before);
        // Every probe of the tree would start a context or link a callback, reached or not, and
        // the slice lacks the probes of the tracepoints nothing reaches.
        for (String lines : List.of("\ttrace_nmi_tp_rcuidle(0);\t\\\n", "\tct_idle_enter();\t\\\n",
            "\tregister_nmi_handler(NMI_LOCAL, tpsync_handler, 0, \"t\");\t\\\n")) {
            java.util.concurrent.atomic.AtomicReference<java.util.Set<String>> beyond =
                new java.util.concurrent.atomic.AtomicReference<>(java.util.Set.of());
            List<AppliedPatch> applied = List.of(FixtureEdits.applied("include/trace/perf.h", before,
                String.format(PERF_TEMPLATE, lines)));

            assertThat(engine().fromSlice(applied, tree.summary(), tree.slice(),
                (files, whole) -> dev.tpsync.model.IncrementalModel.build(files, SPEC, 1), path -> Optional.of(BLOB),
                List.of("test"), List.of(), beyond::set)).as(lines).isEmpty();
            assertThat(beyond.get()).as("no wider slice helps: " + lines).isEmpty();
        }
    }

    /**
     * {@code lines} inserted at the top of the body of the first function of the case file a
     * context reaches (the text unchanged when no reached function has a body of its own).
     */
    private static String inReachedBody(FixtureEdits.CaseFile cf, String lines) {
        for (String name : cf.of().summary().reached().get(cf.file())) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)\\b" + name + "\\([^;{]*\\)\\s*\\{\n")
                .matcher(cf.text());
            if (!name.isEmpty() && m.find()) {
                return cf.text().substring(0, m.end()) + lines + cf.text().substring(m.end());
            }
        }
        return cf.text();
    }

    @Test
    void aFunctionTheChangeMakesReachedMayOnlyCallWhatTheSliceHolds() {
        String idle = "void cpu_idle_poll(void)\n{\n\tct_idle_enter();\n\tfoo_reached();\n\tct_idle_exit();\n}\n";
        String foo = "void foo_reached(void)\n{\n}\n\nvoid foo_later(void)\n{\n\t%s\n}\n";
        String outside = "void helper_outside(void)\n{\n\tmight_sleep();\n}\n";
        ReviewEngine engine = engine();
        for (String later : List.of("helper_outside();", "foo_reached();")) {
            String before = String.format(foo, later);
            List<FileFacts> base = List.of(StructureParser.parse("drivers/misc/outside.c", outside),
                StructureParser.parse("kernel/foo.c", before), StructureParser.parse("kernel/sched/idle.c", idle));
            Contexts contexts = Contexts.compute(ModelBuilder.build(base, SPEC));
            ContextSlice slice = ContextSlice.of(contexts, path -> Optional.of(BLOB)).orElseThrow();
            assertThat(slice.files()).as("nothing reached calls into it").doesNotContainKey("drivers/misc/outside.c");
            // foo_reached() now calls foo_later(), its own file's: foo_later() is reached from now on.
            String after = before.replace("void foo_reached(void)\n{\n", "void foo_reached(void)\n{\n\tfoo_later();\n");
            List<AppliedPatch> applied = List.of(FixtureEdits.applied("kernel/foo.c", before, after));

            Optional<ReviewEngine.SliceReview> shortcut = onSlice(engine, applied, ContextSummary.of(contexts), slice);

            if (later.startsWith("helper_outside")) {
                assertThat(shortcut).as("foo_later() calls what the slice lacks").isEmpty();
            } else {
                assertThat(shortcut.map(ReviewEngine.SliceReview::report))
                    .contains(engine.review(base, applied, List.of("test"), List.of()));
            }
        }
    }

    /** The first own file of a fixture case with a function body a context reaches. */
    private static FixtureEdits.CaseFile reachedCaseFile(Path tmp) throws IOException {
        return FixtureEdits.everyCaseFile(tmp).stream()
            .filter(cf -> cf.of().summary().reached().containsKey(cf.file()))
            .filter(cf -> !inReachedBody(cf, "\tschedule();\n").equals(cf.text()))
            .findFirst().orElseThrow();
    }
}
