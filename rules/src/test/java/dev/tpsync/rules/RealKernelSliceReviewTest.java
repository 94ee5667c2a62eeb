package dev.tpsync.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.FunctionKind;
import dev.tpsync.c.structure.StructureParser;
import dev.tpsync.model.CodeModel;
import dev.tpsync.model.ContextSlice;
import dev.tpsync.model.Definitions;
import dev.tpsync.model.ContextSpec;
import dev.tpsync.model.ContextSummary;
import dev.tpsync.model.Contexts;
import dev.tpsync.model.IncrementalModel;
import dev.tpsync.model.ModelBuilder;
import dev.tpsync.patch.AppliedPatch;
import dev.tpsync.patch.Patch;
import dev.tpsync.report.Report;
import dev.tpsync.review.ReviewEngine;
import dev.tpsync.rules.builtin.BuiltinRules;
import dev.tpsync.rules.engine.RuleRunner;
import dev.tpsync.source.SourceTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Review's answer on a slice of the tree, checked on a real tree against the whole-tree review:
 * every 20th .c file of 6.1 that a context reaches gets an RCU read side (or, where that is
 * refused, nothing else) at the top of its first reached function's body, and
 * kernel/trace/trace_preemptirq.c gets run.sh's change (an rcuidle tracepoint turned plain). Each
 * change the slice takes must give the whole-tree review's report, and the slice run.sh's change
 * leaves must reach what the whole tree after it reaches, its model being a build's.
 * Skipped (visibly) unless TPSYNC_KERNEL_6_1 names a kernel source tree; takes a few minutes and
 * 6 GB of heap (-DargLine=-Xmx8g).
 */
class RealKernelSliceReviewTest {

    private static final String EDIT = "\trcu_read_lock();\n\trcu_read_unlock();\n";

    @Test
    void linux61ChangesToReachedCodeAreJudgedOnTheSliceAsOnTheTree() throws IOException {
        Linux61 linux = Linux61.parsedOrSkip("RealKernelSliceReviewTest");
        SourceTree tree = linux.tree();
        List<FileFacts> facts = linux.facts();
        ContextSpec spec = ContextSpec.kernelDefaults();
        CodeModel model = ModelBuilder.build(facts, spec);
        Contexts contexts = Contexts.compute(model);
        ContextSummary summary = ContextSummary.of(contexts);
        ContextSlice slice = ContextSlice.of(contexts, path -> Optional.of("0".repeat(40))).orElseThrow();
        ReviewEngine engine = new ReviewEngine(spec, new RuleRunner(BuiltinRules.all(), Map.of()), true);
        IncrementalModel whole = IncrementalModel.build(facts, spec, 2);

        Map<String, FileFacts> byPath = new HashMap<>();
        facts.forEach(f -> byPath.put(f.path(), f));
        List<AppliedPatch> changes = new ArrayList<>();
        for (ReachedBody r : everyTwentiethReached(tree, summary, byPath)) {
            if (r.body() >= 0) {
                changes.add(applied(r.file(), r.text(), r.text().substring(0, r.body() + 3) + EDIT
                    + r.text().substring(r.body() + 3)));
            }
        }
        List<AppliedPatch> redefining = definitionChanges(tree, summary, byPath);
        List<AppliedPatch> machinery = machineryChanges(tree);
        changes.addAll(machinery);
        String preemptirq = "kernel/trace/trace_preemptirq.c";
        String text = Files.readString(tree.resolve(preemptirq), StandardCharsets.ISO_8859_1);
        changes.add(applied(preemptirq, text, text.replaceFirst(
            "trace_irq_enable_rcuidle\\(CALLER_ADDR0, CALLER_ADDR1\\);", "trace_irq_enable(CALLER_ADDR0, CALLER_ADDR1);")));

        int answered = 0;
        int findings = 0;
        long onSlice = 0;
        Optional<ReviewEngine.SliceReview> last = Optional.empty();
        int redefiningAnswered = 0;
        for (AppliedPatch change : redefining) {
            Optional<ReviewEngine.SliceReview> judged = engine.fromSlice(List.of(change), summary, slice,
                path -> Optional.of("1".repeat(40)), List.of("test"), List.of());
            if (judged.isPresent()) {
                redefiningAnswered++;
                Report expected = engine.review(facts, files -> whole, List.of(change), List.of("test"), List.of());
                assertThat(judged.get().report()).as(change.patch().subject()).isEqualTo(expected);
                if (change.patch().subject().equals("declares a tracepoint")) {
                    assertThat(expected.patches().get(0).introduced()).as("the tracepoint in the idle region")
                        .isNotEmpty();
                }
                if (redefiningAnswered % 10 == 1 || change.touchedPaths().size() > 1) {
                    // What the next commit's hook starts from: the whole tree's own reach after the
                    // change (Contexts.alone).
                    List<String> files = change.touchedPaths();
                    List<FileFacts> after = new ArrayList<>(facts.stream().filter(f -> !files.contains(f.path())).toList());
                    files.forEach(file -> change.after().get(file)
                        .ifPresent(changed -> after.add(StructureParser.parse(file, changed))));
                    after.sort(java.util.Comparator.comparing(FileFacts::path));
                    assertThat(judged.get().after().reached()).as("reached after " + change.patch().subject())
                        .isEqualTo(ContextSummary.reachedIn(Contexts.compute(whole.rebuild(after, 2).model())));
                }
            }
        }
        System.out.printf("RealKernelSliceReviewTest: %d of %d changes that define names anew judged on the slice%n",
            redefiningAnswered, redefining.size());
        assertThat(redefining.stream().filter(c -> c.patch().subject().equals("defines a tracepoint's call")))
            .as("trace_sched_switch() defined: its calls are the tracepoint's").hasSize(1)
            .noneMatch(c -> engine.fromSlice(List.of(c), summary, slice, path -> Optional.of("1".repeat(40)),
                List.of("test"), List.of()).isPresent());
        assertThat(redefining.stream().filter(c -> c.patch().subject().startsWith("calls in ")
                && c.after().values().stream().anyMatch(t -> t.orElse("").contains("trace_tpsync_note(void)"))))
            .as("trace_tpsync_note() added").isNotEmpty()
            .allMatch(c -> engine.fromSlice(List.of(c), summary, slice, path -> Optional.of("1".repeat(40)),
                List.of("test"), List.of()).isPresent());
        assertThat(redefining.stream().filter(c -> c.patch().subject().equals("declares a tracepoint")))
            .as("the tracepoint declared")
            .allMatch(c -> engine.fromSlice(List.of(c), summary, slice, path -> Optional.of("1".repeat(40)),
                List.of("test"), List.of()).isPresent());
        assertThat(redefiningAnswered).isGreaterThan(redefining.size() / 2);
        for (AppliedPatch change : changes) {
            long start = System.nanoTime();
            last = engine.fromSlice(List.of(change), summary, slice, path -> Optional.of("1".repeat(40)),
                List.of("test"), List.of());
            onSlice += System.nanoTime() - start;
            if (last.isEmpty()) {
                continue;
            }
            answered++;
            Report expected = engine.review(facts, files -> whole, List.of(change), List.of("test"), List.of());
            assertThat(last.get().report()).as(change.patch().subject()).isEqualTo(expected);
            findings += expected.patches().get(0).introduced().size();
        }
        System.out.printf("RealKernelSliceReviewTest: %d of %d changes to reached code judged on the slice (%d files,"
            + " %d of %d functions; %d ms each, warm), %d findings introduced%n", answered, changes.size(),
            slice.files().size(), slice.facts().stream().mapToInt(f -> f.functions().size()).sum(),
            facts.stream().mapToInt(f -> f.functions().size()).sum(), onSlice / 1_000_000 / changes.size(), findings);
        assertThat(answered).isGreaterThan(changes.size() / 2);
        assertThat(findings).isPositive();
        // The trace event machinery's templates start no context and link no callback in 6.1,
        // and the probes they generate call only what reached code calls already.
        for (AppliedPatch change : machinery) {
            Optional<ReviewEngine.SliceReview> judged = engine.fromSlice(List.of(change), summary, slice,
                path -> Optional.of("1".repeat(40)), List.of("test"), List.of());
            assertThat(judged).as(change.patch().subject()).isPresent();
            if (change.patch().subject().contains("RCU read side")) {
                assertThat(judged.get().report().patches().get(0).introduced()).as(change.patch().subject())
                    .isNotEmpty();
            }
        }

        // Calls of what no reached code calls: in every 20th reached file's first reached function,
        // and in cpu_idle_poll()'s idle region, a call of a global function of a file nothing
        // reaches. The slice refuses them, naming the callee; a slice with its definitions, and
        // what they call, judges them as the tree does, and leaves the tree's reach.
        List<String> unreachedApis = globalFunctionsNothingReaches(facts, summary);
        List<AppliedPatch> beyond = new ArrayList<>();
        List<ReachedBody> sample = everyTwentiethReached(tree, summary, byPath);
        for (int n = 0; n < sample.size(); n++) {
            ReachedBody r = sample.get(n);
            if (r.body() >= 0) {
                beyond.add(applied(r.file(), r.text(), r.text().substring(0, r.body() + 3) + "\t"
                    + unreachedApis.get(n * 7 % unreachedApis.size()) + "();\n" + r.text().substring(r.body() + 3)));
            }
        }
        String idleText = Files.readString(tree.resolve("kernel/sched/idle.c"), StandardCharsets.ISO_8859_1);
        beyond.add(applied("kernel/sched/idle.c", idleText, idleText.replaceFirst("\tct_idle_enter\\(\\);\n",
            "\tct_idle_enter();\n\tmisc_register(NULL);\n")));
        int wider = 0;
        int smaller = 0;
        Definitions definitions = Definitions.of(facts);
        for (AppliedPatch change : beyond) {
            java.util.concurrent.atomic.AtomicReference<java.util.Set<String>> names =
                new java.util.concurrent.atomic.AtomicReference<>(java.util.Set.of());
            Optional<ReviewEngine.SliceReview> plain = engine.fromSlice(List.of(change), summary, slice,
                (files, touched) -> IncrementalModel.build(files, spec, 2), path -> Optional.of("1".repeat(40)),
                List.of("test"), List.of(), names::set);
            Report expected = engine.review(facts, files -> whole, List.of(change), List.of("test"), List.of());
            if (plain.isPresent()) {
                assertThat(plain.get().report()).as(change.patch().subject()).isEqualTo(expected);
                continue;
            }
            // As a hook run does: widened until the slice holds what the change reaches, thrice at most.
            Optional<ContextSlice> grown = Optional.of(slice);
            Optional<ReviewEngine.SliceReview> judged = Optional.empty();
            for (int round = 0; round < 3 && judged.isEmpty() && !names.get().isEmpty() && grown.isPresent(); round++) {
                grown = grown.get().withDefinitionsOf(names.getAndSet(java.util.Set.of()), definitions, spec,
                    path -> Optional.of("0".repeat(40)));
                if (grown.isPresent()) {
                    judged = engine.fromSlice(List.of(change), summary, grown.get(),
                        (files, touched) -> IncrementalModel.build(files, spec, 2), path -> Optional.of("1".repeat(40)),
                        List.of("test"), List.of(), names::set);
                }
            }
            if (judged.isEmpty()) {
                continue;
            }
            wider++;
            assertThat(judged.get().report()).as("on a wider slice: " + change.patch().subject()).isEqualTo(expected);
            if (wider % 5 == 1 || change.touchedPaths().contains("kernel/sched/idle.c")) {
                String file = change.touchedPaths().get(0);
                List<FileFacts> after = new ArrayList<>(facts.stream().filter(f -> !f.path().equals(file)).toList());
                after.add(StructureParser.parse(file, change.after().get(file).orElseThrow()));
                after.sort(java.util.Comparator.comparing(FileFacts::path));
                Contexts treeAfter = Contexts.compute(whole.rebuild(after, 2).model());
                assertThat(judged.get().after().reached()).as("reached after " + change.patch().subject())
                    .isEqualTo(ContextSummary.reachedIn(treeAfter));
                // The slice kept for the commit's tree, made anew on the wider slice: the tree's.
                // (Its blob ids are the made-up ones the review was given: the paths are compared.)
                ContextSlice sliced = judged.get().slicedAfter().orElseThrow();
                ContextSlice ofTree = ContextSlice.of(treeAfter, path -> Optional.of("0".repeat(40))).orElseThrow();
                assertThat(sliced.files().keySet()).as("slice after " + change.patch().subject())
                    .isEqualTo(ofTree.files().keySet());
                assertThat(sliced.reachedCallees()).isEqualTo(ofTree.reachedCallees());
                assertThat(sliced.facts()).isEqualTo(ofTree.facts());
                if (functions(sliced) < functions(grown.get())) {
                    smaller++;
                }
            }
        }
        System.out.printf("RealKernelSliceReviewTest: %d of %d changes calling what no reached code calls judged on"
            + " a wider slice; %d of the slices made anew after them smaller than the wider one%n", wider, beyond.size(),
            smaller);
        assertThat(wider).isGreaterThan(beyond.size() / 3);
        assertThat(smaller).as("slices made anew after a wider one that hold fewer functions than it").isPositive();

        // The slice the last change (run.sh's) leaves reaches what the whole tree after it reaches.
        ContextSlice after = last.orElseThrow().sliceAfter().orElseThrow();
        List<FileFacts> treeAfter = facts.stream().map(f -> f.path().equals(preemptirq) ? StructureParser.parse(
            preemptirq, text.replaceFirst("trace_irq_enable_rcuidle\\(CALLER_ADDR0, CALLER_ADDR1\\);",
                "trace_irq_enable(CALLER_ADDR0, CALLER_ADDR1);")) : f).toList();
        CodeModel sliceAfterBuilt = ModelBuilder.build(after.facts(), spec);
        assertThat(ContextSummary.reachedIn(Contexts.compute(sliceAfterBuilt)))
            .isEqualTo(ContextSummary.reachedIn(Contexts.compute(ModelBuilder.build(treeAfter, spec))));
        // And the model it leaves for the next commit's hook is the one a build of that slice makes.
        CodeModel left = last.get().modelAfter().orElseThrow().model();
        assertThat(left.nodeCount()).isEqualTo(sliceAfterBuilt.nodeCount());
        for (int id = 0; id < left.nodeCount(); id++) {
            assertThat(left.outEdges(id)).as("%s", left.node(id)).isEqualTo(sliceAfterBuilt.outEdges(id));
            assertThat(left.node(id).name()).isEqualTo(sliceAfterBuilt.node(id).name());
        }
    }

    /**
     * Changes that define names anew or take definitions away: in every 20th .c file a context
     * reaches, a static helper taking an RCU read side, called from the first reached function,
     * and (another change) a static probe doing the same, registered on sched_switch there;
     * in every 40th, its first reached static function renamed (its callers lose it); in every
     * 400th .c file nothing reaches, a new function that nothing calls or the file deleted, and in the first one a
     * second definition of schedule() (reached code calls it everywhere); in every 40th, a static
     * helper named trace_tpsync_note() (no tracepoint of that name) called from its first reached
     * function; a tracepoint declared in include/trace/events/sched.h and called in
     * kernel/sched/idle.c; trace_sched_switch() defined there (the long way); and a new file with
     * each of the two above.
     */
    private static List<AppliedPatch> definitionChanges(SourceTree tree, ContextSummary summary,
                                                        Map<String, FileFacts> byPath) throws IOException {
        List<AppliedPatch> out = new ArrayList<>();
        List<ReachedBody> sample = everyTwentiethReached(tree, summary, byPath);
        for (int n = 0; n < sample.size(); n++) {
            int i = n * 20;
            String file = sample.get(n).file();
            String text = sample.get(n).text();
            int body = sample.get(n).body();
            if (body >= 0) {
                out.add(applied(file, text, text.substring(0, body + 3) + "\ttpsync_helper();\n"
                    + text.substring(body + 3) + "\nstatic void tpsync_helper(void)\n{\n\trcu_read_lock();\n"
                    + "\trcu_read_unlock();\n}\n"));
                out.add(applied(file, text, text.substring(0, body + 3)
                    + "\tregister_trace_sched_switch(tpsync_probe, NULL);\n" + text.substring(body + 3)
                    + "\nstatic void tpsync_probe(void *data, bool preempt)\n{\n\trcu_read_lock();\n"
                    + "\trcu_read_unlock();\n}\n"));
            }
            if (i % 40 == 0) {
                if (body >= 0) {
                    // Named like a tracepoint's call, of a tracepoint 6.1 does not declare: a plain
                    // function (as trace_hardirqs_on() is), judged on the slice.
                    out.add(applied(file, text, text.substring(0, body + 3) + "\ttrace_tpsync_note();\n"
                        + text.substring(body + 3) + "\nstatic void trace_tpsync_note(void)\n{\n\trcu_read_lock();\n"
                        + "\trcu_read_unlock();\n}\n"));
                }
                out.add(gone(file, text, i % 80 == 0 ? "" : file.replaceFirst("\\.c$", "_moved.c")));
                byPath.get(file).functions().stream()
                    .filter(fn -> fn.isStatic() && fn.kind() == FunctionKind.FUNCTION && summary.reaches(file, fn.name()))
                    .findFirst().ifPresent(fn -> {
                        String[] lines = text.split("\n", -1);
                        lines[fn.line() - 1] = lines[fn.line() - 1].replaceFirst("\\b" + fn.name() + "\\b",
                            fn.name() + "_renamed");
                        out.add(applied(file, text, String.join("\n", lines)));
                    });
            }
        }
        List<String> unreached = byPath.keySet().stream().filter(f -> f.endsWith(".c"))
            .filter(f -> !summary.reached().containsKey(f)).sorted().toList();
        for (int i = 0; i < unreached.size(); i += 400) {
            String file = unreached.get(i);
            String text = Files.readString(tree.resolve(file), StandardCharsets.ISO_8859_1);
            out.add(applied(file, text, text + "\nvoid tpsync_added(void)\n{\n\tmight_sleep();\n}\n"));
            out.add(gone(file, text, ""));
            if (i == 0) {
                out.add(applied(file, text, text + "\nvoid schedule(void)\n{\n\tmight_sleep();\n}\n"));
            }
        }
        // A tracepoint declared in include/trace/events/sched.h and called in cpu_idle_poll()'s
        // idle region (a lost-rcuidle finding): one patch, two files.
        String sched = "include/trace/events/sched.h";
        String idle = "kernel/sched/idle.c";
        String schedText = Files.readString(tree.resolve(sched), StandardCharsets.ISO_8859_1);
        String idleText = Files.readString(tree.resolve(idle), StandardCharsets.ISO_8859_1);
        String event = "TRACE_EVENT(sched_tpsync_poll,\n\tTP_PROTO(int cpu),\n\tTP_ARGS(cpu),\n"
            + "\tTP_STRUCT__entry(__field(int, cpu)),\n\tTP_fast_assign(__entry->cpu = cpu;),\n"
            + "\tTP_printk(\"cpu=%d\", __entry->cpu)\n);\n\n";
        Patch declares = new Patch(1, 1, "declares a tracepoint", "declares a tracepoint", "A <a@example.org>", "", "",
            "", "", List.of());
        out.add(new AppliedPatch(declares, Map.of(sched, Optional.of(schedText), idle, Optional.of(idleText)),
            Map.of(sched, Optional.of(schedText.replaceFirst("TRACE_EVENT\\(sched_kthread_stop,",
                    java.util.regex.Matcher.quoteReplacement(event) + "TRACE_EVENT(sched_kthread_stop,")),
                idle, Optional.of(idleText.replaceFirst("\tct_idle_enter\\(\\);\n",
                    "\tct_idle_enter();\n\ttrace_sched_tpsync_poll(smp_processor_id());\n"))),
            Map.of(), Map.of(), List.of()));
        // A definition of the name of sched_switch's call: the long way.
        Patch shadows = new Patch(1, 1, "defines a tracepoint's call", "defines a tracepoint's call",
            "A <a@example.org>", "", "", "", "", List.of());
        out.add(new AppliedPatch(shadows, Map.of(idle, Optional.of(idleText)),
            Map.of(idle, Optional.of(idleText + "\nvoid trace_sched_switch(bool preempt)\n{\n}\n")),
            Map.of(), Map.of(), List.of()));
        // A file the patch adds: with a function nothing calls, and with a second schedule().
        for (String text : List.of("void tpsync_added(void)\n{\n\tmight_sleep();\n}\n",
            "void schedule(void)\n{\n\tmight_sleep();\n}\n")) {
            Patch patch = new Patch(1, 1, "adds a file", "adds a file", "A <a@example.org>", "", "", "", "", List.of());
            out.add(new AppliedPatch(patch, Map.of("drivers/misc/tpsync_new.c", Optional.empty()),
                Map.of("drivers/misc/tpsync_new.c", Optional.of(text)), Map.of(), Map.of(), List.of()));
        }
        return out;
    }

    private static int functions(ContextSlice slice) {
        return slice.facts().stream().mapToInt(f -> f.functions().size()).sum();
    }

    /**
     * Edits of the trace event machinery under include/trace/: an RCU read side at the top of
     * every probe template's body in perf.h, trace_events.h and bpf_probe.h (perf's probes run in
     * NMI: findings), and a macro added to trace_events.h (run.sh's row 6i), to a stage header and
     * to define_trace.h.
     */
    private static List<AppliedPatch> machineryChanges(SourceTree tree) throws IOException {
        List<AppliedPatch> out = new ArrayList<>();
        java.util.regex.Pattern body = java.util.regex.Pattern.compile("(?m)^\\{[ \t]*\\\\\n");
        for (String header : List.of("include/trace/perf.h", "include/trace/trace_events.h",
            "include/trace/bpf_probe.h")) {
            String text = Files.readString(tree.resolve(header), StandardCharsets.ISO_8859_1);
            String edited = body.matcher(text).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(m.group()
                + EDIT.replace("\n", "\t\\\n")));
            out.add(named("an RCU read side in the templates of " + header, header, text, edited));
        }
        for (String header : List.of("include/trace/trace_events.h", "include/trace/stages/stage6_event_callback.h",
            "include/trace/define_trace.h")) {
            String text = Files.readString(tree.resolve(header), StandardCharsets.ISO_8859_1);
            out.add(named("a macro added to " + header, header, text,
                text + "\n#define TPSYNC_NOTE(x) trace_printk(\"%d\", (x))\n"));
        }
        return out;
    }

    private static AppliedPatch named(String subject, String file, String before, String after) {
        Patch patch = new Patch(1, 1, subject, subject, "A <a@example.org>", "", "", "", "", List.of());
        return new AppliedPatch(patch, Map.of(file, Optional.of(before)), Map.of(file, Optional.of(after)), Map.of(),
            Map.of(), List.of());
    }

    /**
     * Functions defined outside {@code #if}, not static, in .c files no context reaches, whose
     * name no reached function calls: every 97th of them, in path order.
     */
    private static List<String> globalFunctionsNothingReaches(List<FileFacts> facts, ContextSummary summary) {
        java.util.Set<String> calledByReached = new java.util.HashSet<>();
        for (FileFacts f : facts) {
            for (dev.tpsync.c.structure.FunctionDef fn : f.functions()) {
                if (summary.reaches(f.path(), fn.name())) {
                    fn.calls().forEach(c -> calledByReached.add(c.callee()));
                }
            }
        }
        List<String> out = new ArrayList<>();
        int n = 0;
        for (FileFacts f : facts) {
            if (!f.path().endsWith(".c") || summary.reached().containsKey(f.path())) {
                continue;
            }
            for (dev.tpsync.c.structure.FunctionDef fn : f.functions()) {
                if (!fn.isStatic() && fn.condition().isEmpty() && fn.kind() == FunctionKind.FUNCTION
                    && !calledByReached.contains(fn.name()) && n++ % 97 == 0) {
                    out.add(fn.name());
                }
            }
        }
        return out;
    }

    /** A .c file a context reaches, its text, and where the body of its first reached function starts (or -1). */
    private record ReachedBody(String file, String text, int body) {
    }

    /** Every 20th .c file a context reaches, in path order. */
    private static List<ReachedBody> everyTwentiethReached(SourceTree tree, ContextSummary summary,
                                                           Map<String, FileFacts> byPath) throws IOException {
        List<ReachedBody> out = new ArrayList<>();
        List<String> reached = summary.reachedFiles().stream().filter(f -> f.endsWith(".c")).toList();
        for (int i = 0; i < reached.size(); i += 20) {
            String file = reached.get(i);
            String text = Files.readString(tree.resolve(file), StandardCharsets.ISO_8859_1);
            out.add(new ReachedBody(file, text, Linux61.bodyOfFirst(text, byPath.get(file),
                fn -> summary.reaches(file, fn.name()) && fn.kind() == FunctionKind.FUNCTION)));
        }
        return out;
    }

    /** The patch that deletes {@code file} ({@code to} empty) or moves it to {@code to}. */
    private static AppliedPatch gone(String file, String text, String to) {
        Patch patch = new Patch(1, 1, (to.isEmpty() ? "deletes " : "moves ") + file, "", "A <a@example.org>", "", "",
            "", "", List.of());
        Map<String, Optional<String>> before = new java.util.HashMap<>(Map.of(file, Optional.of(text)));
        Map<String, Optional<String>> after = new java.util.HashMap<>(Map.of(file, Optional.empty()));
        if (!to.isEmpty()) {
            before.put(to, Optional.empty());
            after.put(to, Optional.of(text));
        }
        return new AppliedPatch(patch, before, after, Map.of(), Map.of(), List.of());
    }

    private static AppliedPatch applied(String file, String before, String after) {
        Patch patch = new Patch(1, 1, "calls in " + file, "calls in " + file, "A <a@example.org>", "", "", "", "",
            List.of());
        return new AppliedPatch(patch, Map.of(file, Optional.of(before)), Map.of(file, Optional.of(after)), Map.of(),
            Map.of(), List.of());
    }
}
