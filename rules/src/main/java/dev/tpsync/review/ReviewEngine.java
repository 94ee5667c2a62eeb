package dev.tpsync.review;

import dev.tpsync.c.Diagnostic;
import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.FunctionDef;
import dev.tpsync.c.structure.StructureParser;
import dev.tpsync.concurrent.Futures;
import dev.tpsync.model.CodeModel;
import dev.tpsync.model.ContextSlice;
import dev.tpsync.model.ContextSpec;
import dev.tpsync.model.ContextSummary;
import dev.tpsync.model.Contexts;
import dev.tpsync.model.IncrementalModel;
import dev.tpsync.model.ModelBuilder;
import dev.tpsync.model.Node;
import dev.tpsync.model.NodeKind;
import dev.tpsync.patch.AppliedPatch;
import dev.tpsync.patch.Patch;
import dev.tpsync.report.PatchReport;
import dev.tpsync.report.Report;
import dev.tpsync.rules.engine.AnalysisContext;
import dev.tpsync.rules.engine.Phases;
import dev.tpsync.rules.engine.RuleRunner;
import dev.tpsync.rules.spi.Finding;
import dev.tpsync.rules.spi.Rule;
import dev.tpsync.source.SourceTree;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Reviews a patch series: for each patch, the model of the tree before and after it, the
 * findings of both on what the patch touched (and on code whose context it changed, or that
 * calls a function it made sleep or stop sleeping), and the difference. A finding is introduced
 * when its fingerprint is new after the patch or its severity rose; resolved when its fingerprint
 * goes away or its severity fell. Context always comes from the whole tree, so a patch to one
 * file is judged with reachability from the rest.
 */
public final class ReviewEngine {

    /**
     * The facts of each text a patch gives, parsed once per review: the layout check, the summary
     * check and the rebuild read the same touched files (a 13,600-line file parses in ~0.1 s).
     * Keyed by the text object an applied patch holds.
     */
    private final Map<String, FileFacts> parsedTexts = Collections.synchronizedMap(new IdentityHashMap<>());

    private FileFacts parsed(String path, String text) {
        FileFacts f = parsedTexts.computeIfAbsent(text, t -> StructureParser.parse(path, t));
        return f.path().equals(path) ? f : StructureParser.parse(path, text);
    }

    /**
     * Stops the review when a patch leaves a C file it touches that the front end cannot read
     * whole where the file before it could (braces, comments, literals or #if lines that do not
     * balance): such a file would not build, and findings on it would be guesses. The touched
     * texts are parsed here as the review would parse them anyway (once per review); a text
     * before the patch only when the one after it has a problem. So does a C file git shows as
     * binary after the patch: there is no text to judge.
     */
    public void requireReadable(List<AppliedPatch> applied) {
        for (AppliedPatch ap : applied) {
            // Its diff has no text: judged as unchanged, everything the patch adds there passed.
            ap.binaryPaths().stream().filter(SourceTree::isSource).findFirst().ifPresent(path -> {
                throw UnreadableChange.binary(ap.patch(), path);
            });
            for (Map.Entry<String, Optional<String>> change : ap.after().entrySet()) {
                String path = change.getKey();
                if (!SourceTree.isSource(path) || change.getValue().isEmpty()) {
                    continue;
                }
                List<Diagnostic> problems = parsed(path, change.getValue().get()).diagnostics().stream()
                    .filter(ReviewEngine::breaksTheBuild).toList();
                if (problems.isEmpty()) {
                    continue;
                }
                String was = ap.renamedFrom().getOrDefault(path, ap.copiedFrom().getOrDefault(path, path));
                List<String> had = new ArrayList<>(ap.before().getOrDefault(was, Optional.empty())
                    .map(text -> parsed(was, text).diagnostics()).orElse(List.of()).stream()
                    .map(Diagnostic::message).toList());
                for (Diagnostic d : problems) {
                    if (!had.remove(d.message())) {
                        throw new UnreadableChange(ap.patch(), path, d);
                    }
                }
            }
        }
    }

    /**
     * Whether {@code d} says the text would not build. A lone quote does not: gcc only warns of
     * one outside compiled C (a "; doesn't" comment of an assembler header under arch/), and the
     * lexer reads it to its line's end, so the facts around it stand.
     */
    private static boolean breaksTheBuild(Diagnostic d) {
        return !d.message().equals("unterminated character literal");
    }

    /** Appended to every finding's message when the tree was not available (--no-tree). */
    public static final String NO_TREE_NOTE = "(the tree was not available: judged only on what the patch shows)";

    private final ContextSpec spec;
    private final RuleRunner runner;
    private final boolean treeAvailable;
    private final int jobs;
    private final Phases phases;

    public ReviewEngine(ContextSpec spec, RuleRunner runner, boolean treeAvailable) {
        this(spec, runner, treeAvailable, Runtime.getRuntime().availableProcessors(), Phases.NONE);
    }

    /**
     * @param jobs   threads for resolving call edges (the result is the same for any number)
     * @param phases where the cost of each phase goes (-v)
     */
    public ReviewEngine(ContextSpec spec, RuleRunner runner, boolean treeAvailable, int jobs, Phases phases) {
        this.spec = spec;
        this.runner = runner;
        this.treeAvailable = treeAvailable;
        this.jobs = Math.max(1, jobs);
        this.phases = phases;
    }

    /**
     * @param baseFacts the facts of every source file of the base tree, in path order
     * @param applied   the series applied in memory onto that base, patch by patch
     */
    public Report review(List<FileFacts> baseFacts, List<AppliedPatch> applied, List<String> inputs,
                         List<String> notes) {
        return review(baseFacts, files -> IncrementalModel.build(files, spec, jobs), applied, inputs, notes);
    }

    /**
     * As {@link #review(List, List, List, List)}, with the base tree's model from
     * {@code baseModel} (given the base facts in order): the model cache's, when it has the tree.
     */
    public Report review(List<FileFacts> baseFacts, Function<List<FileFacts>, IncrementalModel> baseModel,
                         List<AppliedPatch> applied, List<String> inputs, List<String> notes) {
        return review(baseFacts, baseModel, applied, inputs, notes, Summaries.NONE);
    }

    /**
     * Where a whole-tree review hands the {@link Contexts} of its base and of the tree after its
     * last patch, each when asked for (a null consumer is not asked), to keep their
     * {@link ContextSummary} and {@link ContextSlice}: those of the tree after a staged change are
     * what the hook on the next commit judges from. The tree after a patch is searched with the
     * base tree's sleepers as boundaries, so it may reach more than a review of that tree would:
     * a keeper keeps {@link Contexts#alone()}, the tree's own. Both are handed over before the review returns:
     * the base's on the reviewing thread while the last patch's image is judged, the result's on
     * a second thread once it is. {@code resultModel}, when not null, is handed the model of the
     * tree after the last patch.
     */
    public record Summaries(Consumer<Contexts> base, Consumer<Contexts> result,
                            Consumer<IncrementalModel> resultModel) {
        public static final Summaries NONE = new Summaries(null, null);

        public Summaries(Consumer<Contexts> base, Consumer<Contexts> result) {
            this(base, result, null);
        }
    }

    /** As {@link #review(List, Function, List, List, List)}, handing the summaries {@code summaries} asks for. */
    public Report review(List<FileFacts> baseFacts, Function<List<FileFacts>, IncrementalModel> baseModel,
                         List<AppliedPatch> applied, List<String> inputs, List<String> notes, Summaries summaries) {
        return review(baseFacts, baseModel, applied, inputs, notes, summaries, BaseSleeping.SAME);
    }

    /**
     * As {@link #review(List, Function, List, List, List, Summaries)}, every tree searched with
     * {@code baseSleeping}'s word on the functions it names: a patch of a series judged patch by
     * patch, whose base is a tree an earlier patch left.
     */
    private Report review(List<FileFacts> baseFacts, Function<List<FileFacts>, IncrementalModel> baseModel,
                          List<AppliedPatch> applied, List<String> inputs, List<String> notes, Summaries summaries,
                          BaseSleeping baseSleeping) {
        Map<String, FileFacts> tree = new LinkedHashMap<>();
        baseFacts.forEach(f -> tree.put(f.path(), f));
        IncrementalModel base = phases.time("model", () -> baseModel.apply(new ArrayList<>(tree.values())));
        // The contexts, flags and findings of one image are worked out on a second thread while
        // this one rebuilds the model of the next: a rebuild needs only the model before it.
        // Every step is a pure function of its inputs, so the reports are the same as in turn.
        ExecutorService beside = Executors.newSingleThreadExecutor(ReviewEngine::contextsThread);
        try {
            BiPredicate<String, String> own = (file, name) -> true;
            CompletableFuture<Image> before = CompletableFuture.supplyAsync(
                () -> image(base, baseSleeping.over(own), null), beside);
            CompletableFuture<Image> first = before;
            // Sleeping functions cut context off in the base tree only: see Contexts.compute.
            CompletableFuture<BiPredicate<String, String>> sleeperBoundary = before.thenApply(image -> {
                Contexts baseContexts = image.contexts();
                return baseSleeping.over(baseContexts::sleepsDirectly);
            });
            List<CompletableFuture<PatchReport>> reports = new ArrayList<>();
            IncrementalModel previous = base;
            for (AppliedPatch ap : applied) {
                if (reports.size() >= 2) {
                    // At most one image in flight beside the rebuild: each holds a model.
                    Futures.join(reports.get(reports.size() - 2));
                }
                Set<String> touched = new HashSet<>();
                for (String path : ap.touchedPaths()) {
                    if (!SourceTree.isSource(path)) {
                        continue;
                    }
                    touched.add(path);
                    Optional<String> after = ap.after().getOrDefault(path, Optional.empty());
                    if (after.isPresent()) {
                        tree.put(path, parsed(path, after.get()));
                    } else {
                        tree.remove(path);
                    }
                }
                // Only the touched files were parsed again: the rest of the model is copied, not re-resolved.
                IncrementalModel from = previous;
                IncrementalModel rebuilt = phases.time("rebuild", () -> from.rebuild(new ArrayList<>(tree.values()),
                    jobs));
                CompletableFuture<Image> was = before;
                CompletableFuture<Image> after = was.thenCombineAsync(sleeperBoundary,
                    (image, sleepers) -> image(rebuilt, sleepers, image.contexts()), beside);
                reports.add(was.thenCombineAsync(after,
                    (w, a) -> phases.time("compare", () -> compare(ap.patch(), w, a, touched)), beside));
                before = after;
                previous = rebuilt;
            }
            // The two summaries only read their images (on a kernel each slice is a pass over every
            // function of the tree): the result's is handed over on the second thread once the last
            // image is judged, the base's here meanwhile.
            CompletableFuture<Void> keptResult = summaries.result() == null || applied.isEmpty()
                ? CompletableFuture.completedFuture(null)
                : before.thenAcceptAsync(image -> summaries.result().accept(image.contexts()), beside);
            if (summaries.base() != null) {
                summaries.base().accept(Futures.join(first).contexts());
            }
            if (summaries.resultModel() != null && !applied.isEmpty()) {
                summaries.resultModel().accept(previous);
            }
            List<PatchReport> out = new ArrayList<>();
            reports.forEach(r -> out.add(Futures.join(r)));
            Futures.join(keptResult);
            return report(inputs, out, notes);
        } finally {
            beside.shutdownNow();
        }
    }

    private static Thread contextsThread(Runnable work) {
        Thread t = new Thread(work, "tpsync-review-contexts");
        t.setDaemon(true);
        return t;
    }

    /** One state of the tree: its model, contexts and per-function context flags. */
    private record Image(IncrementalModel model, Contexts contexts, ContextFlags flags) {
    }

    /** The image of {@code model}; {@code previous} (or null) is the image's it was rebuilt from. */
    private Image image(IncrementalModel model, BiPredicate<String, String> sleeperBoundary, Contexts previous) {
        Contexts contexts = phases.time("contexts", () -> Contexts.compute(model.model(), sleeperBoundary, previous));
        return new Image(model, contexts, phases.time("flags", () -> new ContextFlags(model.model(), contexts)));
    }

    private PatchReport compare(Patch patch, Image before, Image after, Set<String> touched) {
        CodeModel modelBefore = before.model().model();
        CodeModel modelAfter = after.model().model();
        BitSet changedContext = ContextFlags.changed(modelBefore, before.flags(), modelAfter, after.flags());
        Set<String> changedCallees = ChangedSleepers.between(filesIn(modelBefore, touched),
            filesIn(modelAfter, touched));
        List<Finding> old = runner.run(new AnalysisContext(modelBefore, before.contexts(),
            toCheck(modelBefore, touched, changedContext, changedCallees), treeAvailable));
        List<Finding> now = runner.run(new AnalysisContext(modelAfter, after.contexts(),
            toCheck(modelAfter, touched, changedContext, changedCallees), treeAvailable));
        return difference(patch, old, now);
    }

    /** The facts of {@code model}'s files among {@code paths}. */
    private static List<FileFacts> filesIn(CodeModel model, Set<String> paths) {
        return model.files().stream().filter(f -> paths.contains(f.path())).toList();
    }

    /** The findings {@code patch} introduces and resolves: {@code now} against {@code old}. */
    private PatchReport difference(Patch patch, List<Finding> old, List<Finding> now) {
        Map<String, Finding> oldByPrint = new HashMap<>();
        old.forEach(f -> oldByPrint.put(f.fingerprint(), f));
        List<Finding> introduced = new ArrayList<>();
        for (Finding f : now) {
            Finding was = oldByPrint.get(f.fingerprint());
            if (was == null) {
                introduced.add(f);
            } else if (f.severity().ordinal() < was.severity().ordinal()) {
                introduced.add(f.withMessage(f.message() + " (made worse by this patch: was " + was.severity().label()
                    + ")"));
            }
        }
        Map<String, Finding> nowByPrint = new HashMap<>();
        now.forEach(f -> nowByPrint.put(f.fingerprint(), f));
        List<Finding> resolved = new ArrayList<>();
        for (Finding f : old) {
            Finding is = nowByPrint.get(f.fingerprint());
            if (is == null) {
                resolved.add(f);
            } else if (is.severity().ordinal() > f.severity().ordinal()) {
                // The mirror of "made worse": a later patch that undoes an escalation resolves it.
                resolved.add(f.withMessage(f.message() + " (eased by this patch: now " + is.severity().label() + ")"));
            }
        }
        if (!treeAvailable) {
            introduced = introduced.stream().map(ReviewEngine::withoutTreeNote).toList();
            resolved = resolved.stream().map(ReviewEngine::withoutTreeNote).toList();
        }
        return patchReport(patch, introduced, resolved);
    }

    private static PatchReport patchReport(Patch patch, List<Finding> introduced, List<Finding> resolved) {
        return new PatchReport(patch.index(), patch.total(), patch.subject(), patch.author(), patch.commitId(),
            patch.messageId(), patch.diffText(), introduced, resolved, patch.tag(), patch.references(),
            patch.mailSubject());
    }

    /**
     * The report on a series whose patches were judged one by one ({@code patches}, in order),
     * as {@link #review} reports the series judged whole.
     */
    public Report seriesReport(List<String> inputs, List<PatchReport> patches, List<String> notes) {
        return report(inputs, patches, notes);
    }

    /** The functions of a file that sleep directly ({@link Contexts#directSleepers}) before and after a patch. */
    public record Sleepers(Set<String> before, Set<String> after) {
    }

    /**
     * For each source file {@code ap} touches, by path, its functions that sleep directly before
     * and after the patch; empty when it touches a binary source file. A series is judged whole
     * with its base tree's sleepers as boundaries in every tree after a patch ({@link #review});
     * judged patch by patch, with those of the tree before each patch.
     */
    public Optional<Map<String, Sleepers>> directSleepers(AppliedPatch ap) {
        Optional<List<SourceEdit>> edits = sourceEdits(ap);
        if (edits.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Sleepers> out = new TreeMap<>();
        for (SourceEdit edit : edits.get()) {
            out.put(edit.path(), new Sleepers(Contexts.directSleepers(edit.before()),
                Contexts.directSleepers(edit.after())));
        }
        return Optional.of(out);
    }

    private Report report(List<String> inputs, List<PatchReport> patches, List<String> notes) {
        return new Report("review", inputs, runner.rules().stream().map(Rule::metadata).toList(), List.of(), patches,
            List.of(), notes);
    }

    /**
     * The report on {@code applied} when every patch only moves code ({@link LayoutOnlyChange})
     * and every rule compares positions only with each other: nothing introduced and nothing
     * resolved, the report the whole-tree review gives, worked out from the touched files alone.
     * Empty when any patch changes what the code is or does, and the tree must be judged.
     */
    public Optional<Report> layoutOnly(List<AppliedPatch> applied, List<String> inputs, List<String> notes) {
        if (!runner.rules().stream().allMatch(Rule::positionIndependent)) {
            return Optional.empty();
        }
        for (AppliedPatch ap : applied) {
            if (!movesCodeOnly(ap)) {
                return Optional.empty();
            }
        }
        return Optional.of(report(inputs, applied.stream()
            .map(ap -> patchReport(ap.patch(), List.of(), List.of())).toList(), notes));
    }

    /**
     * The summary of the tree {@code applied} leaves, {@code summary} being its base's, when every
     * patch only moves code ({@link #layoutOnly}): the graph and so every context is what it was;
     * only the touched reference files' facts (their positions) are new.
     */
    public ContextSummary afterMoves(List<AppliedPatch> applied, ContextSummary summary) {
        ContextSummary current = summary;
        for (AppliedPatch ap : applied) {
            List<FileFacts> after = new ArrayList<>();
            for (String path : ap.touchedPaths()) {
                Optional<String> is = ap.after().getOrDefault(path, Optional.empty());
                if (SourceTree.isSource(path) && is.isPresent()) {
                    after.add(parsed(path, is.get()));
                }
            }
            current = current.withChanged(after);
        }
        return current;
    }

    /** A review judged from a {@link ContextSummary}, and the summary of the tree it leaves. */
    public record SummaryReview(Report report, ContextSummary after) {
    }

    /**
     * The report on {@code applied} when every patch changes only what functions no context of
     * the tree reaches call ({@link UnreachedChange}), worked out from the touched files and
     * {@code summary}, the base tree's: the report the whole-tree review gives (see
     * {@link ContextSummary} for why). Empty when a patch does anything else, or a rule reads the
     * whole tree: then the tree must be loaded.
     */
    public Optional<SummaryReview> fromSummary(List<AppliedPatch> applied, ContextSummary summary, List<String> inputs,
                                               List<String> notes) {
        return fromSummary(applied, summary, Optional.empty(), inputs, notes);
    }

    /**
     * As {@link #fromSummary(List, ContextSummary, List, List)}; with the base tree's slice, a
     * file no context reaches may also gain or lose definitions other files see, of names no
     * function of the slice calls, registers or stores ({@link Redefinitions#unseenBy}).
     */
    public Optional<SummaryReview> fromSummary(List<AppliedPatch> applied, ContextSummary summary,
                                               Optional<ContextSlice> slice, List<String> inputs,
                                               List<String> notes) {
        // A change the summary may judge declares no tracepoint anew or otherwise (UnreachedChange):
        // the tree's tracepoints are the summary's all along.
        Predicate<String> unseen = slice.isPresent()
            ? Redefinitions.unseenBy(slice.get(), spec, TracepointChanges.declaredIn(summary.references()))
            : name -> false;
        if (runner.rules().stream().anyMatch(Rule::readsWholeTree)) {
            return Optional.empty();
        }
        ContextSummary current = summary;
        List<PatchReport> out = new ArrayList<>();
        for (AppliedPatch ap : applied) {
            Optional<List<SourceEdit>> edits = sourceEdits(ap);
            if (edits.isEmpty()) {
                return Optional.empty();
            }
            Map<String, FileFacts> before = new TreeMap<>();
            Map<String, FileFacts> after = new TreeMap<>();
            for (SourceEdit edit : edits.get()) {
                if (!UnreachedChange.between(edit.before(), edit.after(), current, spec, unseen)) {
                    return Optional.empty();
                }
                before.put(edit.path(), edit.before());
                after.put(edit.path(), edit.after());
            }
            List<Finding> old;
            List<Finding> now;
            if (before.values().stream().noneMatch(ContextSummary::isReference)
                && after.values().stream().noneMatch(ContextSummary::isReference)) {
                // Nothing the rules read of the tree is in the touched files (see ContextSummary):
                // both images are judged on one model of the reference files.
                CodeModel references = ModelBuilder.build(current.references(), spec, 1);
                old = unreachedFindings(references, before);
                now = unreachedFindings(references, after);
            } else {
                old = unreachedFindings(ModelBuilder.build(current.modelFiles(before.values()), spec, 1), before);
                now = unreachedFindings(ModelBuilder.build(current.modelFiles(after.values()), spec, 1), after);
            }
            out.add(difference(ap.patch(), old, now));
            current = current.withChanged(after.values());
        }
        return Optional.of(new SummaryReview(report(inputs, out, notes), current));
    }

    /**
     * A review judged on a {@link ContextSlice}, the summary of the tree it leaves, the slice of
     * that tree (the same, the touched files whole; none when one has no blob id), and the model
     * of that slice when the review's rebuild left it as a build would make it (every node kept
     * its id: a change that keeps its files' shape), for the hook on the next commit to restore;
     * {@code whole} are the files the change touched, whole in both slices; {@code contextsAfter}
     * are the contexts of the tree after the change, on the slice's model, and
     * {@code searchedAfter} those the review judged it on, searched with the base tree's sleepers
     * as boundaries (the same unless the change made reached code sleep: {@link Contexts#alone}),
     * and {@code searchedSummary} the summary of those: what the next patch of a series judged
     * patch by patch is judged from.
     */
    public record SliceReview(Report report, ContextSummary after, Optional<ContextSlice> sliceAfter,
                              Optional<IncrementalModel> modelAfter, Set<String> whole, Contexts contextsAfter,
                              Contexts searchedAfter, ContextSummary searchedSummary) {

        /**
         * The slice of the tree the change leaves, made anew from the contexts after it, with the
         * blob ids {@link #sliceAfter} holds (none without it) and named from it
         * ({@link ContextSlice#slicedAnew}): the functions the tree's slice holds, where
         * {@link #sliceAfter} carries every function of the slice judged on. A slice widened for a
         * change holds definitions the change did not make reached (every definition of a name,
         * what those call): the tree after it needs only those it reaches. The slice the review
         * was judged on holds every function the tree's slice does (it is the tree's, or wider),
         * so its model's contexts give the same slice.
         */
        public Optional<ContextSlice> slicedAfter() {
            return sliceAfter.flatMap(carried -> carried.slicedAnew(contextsAfter));
        }
    }

    /**
     * Makes the base model of a slice review: {@code files} are the slice's facts with the files
     * of {@code whole} (those the change touches) in whole, in path order.
     */
    @FunctionalInterface
    public interface SliceModel {
        IncrementalModel of(List<FileFacts> files, Set<String> whole);
    }

    /**
     * The report on {@code applied} (one patch) judged on the model of {@code slice}, the touched
     * files whole, {@code summary} being the base tree's: the report the whole-tree review gives,
     * when no file the patch touches is one of the trace event machinery whose probe templates start
     * a context or link a callback ({@link UnreachedChange#sliceMayJudge}),
     * every tracepoint it declares anew or otherwise has its probes registered where the slice
     * resolves them as the tree does ({@link TracepointChanges}), every probe or callback it
     * registers anew, and every function it stores anew where a caller is linked, is one the
     * slice resolves as the tree does ({@link AddedLinks}), every
     * name it defines anew or no longer defines is one the slice vouches for
     * ({@link Redefinitions}), and every function it leaves
     * reached for the first time, or changes while reached, calls by name only what reached code
     * already calls ({@link ContextSlice#reachedCallees}), what its own file defines, or a
     * declared tracepoint. The slice's base model must also reach exactly what {@code summary}
     * says the tree reaches. Empty when any of that fails, or a rule reads the whole tree: then
     * the tree is loaded. {@code newBlobIds} gives the blob id of each touched file's new text,
     * for the slice of the tree after.
     */
    public Optional<SliceReview> fromSlice(List<AppliedPatch> applied, ContextSummary summary, ContextSlice slice,
                                           Function<String, Optional<String>> newBlobIds, List<String> inputs,
                                           List<String> notes) {
        return fromSlice(applied, summary, slice, (files, whole) -> IncrementalModel.build(files, spec, jobs),
            newBlobIds, inputs, notes);
    }

    /**
     * As {@link #fromSlice(List, ContextSummary, ContextSlice, Function, List, List)}, with the
     * base model from {@code baseModel} (given the slice's facts with the touched files whole, in
     * path order): a model cache's, when it has it.
     */
    public Optional<SliceReview> fromSlice(List<AppliedPatch> applied, ContextSummary summary, ContextSlice slice,
                                           SliceModel baseModel,
                                           Function<String, Optional<String>> newBlobIds, List<String> inputs,
                                           List<String> notes) {
        return fromSlice(applied, summary, slice, baseModel, newBlobIds, inputs, notes, names -> { });
    }

    /**
     * As {@link #fromSlice(List, ContextSummary, ContextSlice, SliceModel, Function, List, List)};
     * when the only reason to refuse is that functions the change reaches (anew, or in a touched
     * file) call names the slice may not hold every definition of, those names go to
     * {@code callsBeyond}: a slice that holds their definitions too, and all that those call
     * ({@link ContextSlice#withDefinitionsOf}), may judge the change.
     */
    public Optional<SliceReview> fromSlice(List<AppliedPatch> applied, ContextSummary summary, ContextSlice slice,
                                           SliceModel baseModel,
                                           Function<String, Optional<String>> newBlobIds, List<String> inputs,
                                           List<String> notes, Consumer<Set<String>> callsBeyond) {
        return fromSlice(applied, summary, slice, baseModel, newBlobIds, inputs, notes, callsBeyond,
            BaseSleeping.SAME);
    }

    /**
     * As {@link #fromSlice(List, ContextSummary, ContextSlice, SliceModel, Function, List, List, Consumer)},
     * for a patch of a series judged patch by patch: the trees before and after it are searched
     * with the series' base tree's sleeping of the functions an earlier patch made start or stop
     * sleeping ({@code baseSleeping}), as a review of the whole series searches them, and
     * {@code summary} is the tree's as such a search finds it ({@link SliceReview#searchedSummary}
     * of the patch before).
     */
    public Optional<SliceReview> fromSlice(List<AppliedPatch> applied, ContextSummary summary, ContextSlice slice,
                                           SliceModel baseModel,
                                           Function<String, Optional<String>> newBlobIds, List<String> inputs,
                                           List<String> notes, Consumer<Set<String>> callsBeyond,
                                           BaseSleeping baseSleeping) {
        if (applied.size() != 1 || runner.rules().stream().anyMatch(Rule::readsWholeTree)) {
            return Optional.empty();
        }
        Optional<List<SourceEdit>> edits = sourceEdits(applied.get(0));
        if (edits.isEmpty()) {
            return Optional.empty();
        }
        // The slice keeps only some functions of a file; a touched file is judged whole, before and
        // after, and added whole when the slice holds none of it.
        Map<String, FileFacts> touchedBefore = new TreeMap<>();
        Map<String, FileFacts> touchedAfter = new TreeMap<>();
        Set<String> redeclared = new HashSet<>();
        for (SourceEdit edit : edits.get()) {
            if (!UnreachedChange.sliceMayJudge(edit.before(), edit.after(), spec)
                || !AddedLinks.vouchedFor(edit.before(), edit.after(), slice, spec)) {
                return Optional.empty();
            }
            redeclared.addAll(TracepointChanges.between(edit.before(), edit.after()));
            touchedBefore.put(edit.path(), edit.before());
            touchedAfter.put(edit.path(), edit.after());
        }
        Set<String> touched = touchedBefore.keySet();
        List<FileFacts> baseFacts = slice.factsWith(touchedBefore.values());
        List<FileFacts> changed = List.copyOf(touchedAfter.values());
        Set<String> gone = new HashSet<>();
        edits.get().stream().filter(SourceEdit::gone).forEach(edit -> gone.add(edit.path()));
        List<FileFacts> untouched = baseFacts.stream().filter(f -> !touched.contains(f.path())).toList();
        if (!TracepointChanges.vouchedFor(redeclared, untouched, changed, slice, spec)) {
            return Optional.empty();
        }
        // Names defined anew or no longer: calls and registrations of them may resolve elsewhere.
        Redefinitions redefined = Redefinitions.between(touchedBefore, touchedAfter);
        Set<String> unvouched = Set.of();
        if (!redefined.isEmpty()) {
            // The summary's references are every file of the tree that declares a tracepoint.
            Set<String> declared = TracepointChanges.declaredIn(summary.references());
            declared.addAll(TracepointChanges.declaredIn(changed));
            Optional<Set<String>> names = redefined.unvouched(slice, spec, declared, touchedBefore.values(),
                touchedAfter.values());
            Set<String> taken = names.map(redefined::takenAmong).orElse(Set.of());
            if (names.isEmpty() || Redefinitions.registeredOrStored(taken, baseFacts, spec)
                || Redefinitions.registeredOrStored(taken, changed, spec)) {
                return Optional.empty();
            }
            unvouched = names.get();
        }
        Set<String> mustNotBeCalled = unvouched;
        // Handed over on two threads: one holder each. What needs only the base's contexts (and
        // the slice after, which needs none) is worked out while the change's image is judged.
        AtomicReference<Contexts> before = new AtomicReference<>();
        AtomicReference<Boolean> baseAsSummarised = new AtomicReference<>(false);
        AtomicReference<Boolean> redefinedUnreached = new AtomicReference<>(false);
        AtomicReference<Set<String>> tracepoints = new AtomicReference<>();
        AtomicReference<Optional<ContextSlice>> sliceLeft = new AtomicReference<>();
        AtomicReference<Contexts> after = new AtomicReference<>();
        AtomicReference<IncrementalModel> modelAfter = new AtomicReference<>();
        Consumer<Contexts> base = contexts -> {
            before.set(contexts);
            baseAsSummarised.set(ContextSummary.reachedIn(contexts).equals(summary.reached()));
            redefinedUnreached.set(!Redefinitions.calledByReached(mustNotBeCalled, contexts, touched));
            tracepoints.set(declaredOn(slice, changed));
            sliceLeft.set(sliceAfter(slice, touched, changed, gone, newBlobIds));
        };
        Report report = review(baseFacts, files -> baseModel.of(files, touched), applied,
            inputs, notes, new Summaries(base, after::set, modelAfter::set), baseSleeping);
        if (before.get() == null || after.get() == null || !baseAsSummarised.get() || !redefinedUnreached.get()) {
            return Optional.empty();
        }
        Set<String> beyond = callsBeyondTheSlice(before.get(), after.get(), touched, slice, tracepoints.get());
        if (!beyond.isEmpty()) {
            callsBeyond.accept(beyond);
            return Optional.empty();
        }
        // What is kept for the tree after is its own: the report's search spared the sleeping
        // calls the change added (Contexts.alone).
        Contexts alone = after.get().sparedSleeper() ? phases.time("contexts alone", after.get()::alone) : after.get();
        ContextSummary summaryAfter = summary.withChanged(ContextSummary.reachedIn(alone), changed);
        ContextSummary searchedSummary = alone == after.get() ? summaryAfter
            : summary.withChanged(ContextSummary.reachedIn(after.get()), changed);
        Optional<IncrementalModel> restorable = Optional.of(modelAfter.get())
            .filter(m -> keptEveryNode(before.get().model(), m.model()));
        return Optional.of(new SliceReview(report, summaryAfter, sliceLeft.get(), restorable, Set.copyOf(touched),
            alone, after.get(), searchedSummary));
    }

    /**
     * Whether the rebuild from {@code was} to {@code is} kept every node's id, none removed and
     * none added: then {@code is} is numbered, and its edges ordered, as a build of its files
     * would be (SliceReviewTest compares the two on every fixture edit).
     */
    private static boolean keptEveryNode(CodeModel was, CodeModel is) {
        if (was.nodeCount() != is.nodeCount()) {
            return false;
        }
        for (int id = 0; id < is.nodeCount(); id++) {
            if (is.kind(id) == NodeKind.REMOVED) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code slice} after a change judged on it: the touched files whole, at their new blob ids
     * (none when one has none), and those of {@code gone}, which the change deleted, left out.
     */
    private static Optional<ContextSlice> sliceAfter(ContextSlice slice, Set<String> touched, List<FileFacts> changed,
                                                     Set<String> gone, Function<String, Optional<String>> newBlobIds) {
        Map<String, String> blobs = new HashMap<>();
        for (String path : touched) {
            if (gone.contains(path)) {
                continue;
            }
            Optional<String> blob = newBlobIds.apply(path);
            if (blob.isEmpty()) {
                return Optional.empty();
            }
            blobs.put(path, blob.get());
        }
        return Optional.of(slice.afterJudged(blobs, changed.stream().filter(f -> !gone.contains(f.path())).toList())
            .without(gone));
    }


    /**
     * The facts each touched source file has after {@code applied}, in the order they were
     * touched (parsed once per review: a shortcut that judged them already has them).
     */
    public List<FileFacts> touchedFacts(List<AppliedPatch> applied) {
        Map<String, FileFacts> out = new LinkedHashMap<>();
        for (AppliedPatch ap : applied) {
            for (String path : ap.touchedPaths()) {
                Optional<String> is = ap.after().getOrDefault(path, Optional.empty());
                if (!SourceTree.isSource(path)) {
                    continue;
                }
                if (is.isPresent()) {
                    out.put(path, parsed(path, is.get()));
                } else {
                    out.remove(path);
                }
            }
        }
        return new ArrayList<>(out.values());
    }

    /**
     * The names a node calls that the image {@code after} reaches and {@code before} did not, or
     * that a touched file holds (reached, or starting a context: a call in its region is
     * reached), whose definitions the slice may not all hold; empty when each
     * such node calls by name only names whose every definition the slice holds: one
     * reached code already calls, one its own file defines unconditionally (a call resolves to
     * its own file's definition first; one inside {@code #if} only does not hide the others),
     * a declared tracepoint, or a registrar (the slice holds every definition of one). A
     * generated probe is checked through its template's calls; a tracepoint's own edges (probes,
     * __DO_TRACE) are all in the slice. Untouched code keeps its node ids from one image to the
     * next (the rebuild copies them).
     */
    private Set<String> callsBeyondTheSlice(Contexts before, Contexts after, Set<String> touched,
                                            ContextSlice slice, Set<String> tracepoints) {
        Set<String> beyond = new TreeSet<>();
        CodeModel was = before.model();
        CodeModel is = after.model();
        Map<String, Set<String>> definedIn = new HashMap<>();
        // Asked for the files of touched or newly reached functions only: a handful of ~5,000.
        Map<String, FileFacts> files = new HashMap<>();
        for (int id = 0; id < is.nodeCount(); id++) {
            Node node = is.node(id);
            // A touched function that starts a context (an idle or entry region, an NMI or
            // RCU-watching event) need not be reached itself for what it calls to be: a call
            // inside its region is. Every call of such a function counts (a superset).
            boolean seeds = touched.contains(node.file()) && node.function().isPresent()
                && ContextSlice.seeds(node.function().get(), spec);
            if (!seeds && !(after.inNmi(id) || after.inNotWatching(id) || after.inHotPath(id))) {
                continue;
            }
            boolean reachedBefore = id < was.nodeCount() && was.node(id) == node
                && (before.inNmi(id) || before.inNotWatching(id) || before.inHotPath(id));
            if (reachedBefore && !touched.contains(node.file())) {
                continue;
            }
            if (node.function().isEmpty()) {
                continue;
            }
            Set<String> defined = definedIn.computeIfAbsent(node.file(), file -> {
                if (files.isEmpty()) {
                    is.files().forEach(f -> files.put(f.path(), f));
                }
                return ModelBuilder.unconditionalNames(files.get(file));
            });
            for (dev.tpsync.c.structure.CallSite call : node.function().get().calls()) {
                if (!held(call, slice, defined, tracepoints)) {
                    beyond.add(call.callee());
                }
            }
        }
        return beyond;
    }

    /**
     * Whether the slice holds every definition {@code call} may resolve to, as
     * {@link #callsBeyondTheSlice} counts them ({@code ownNames}: what the caller's file defines
     * outside {@code #if}; {@code tracepoints}: those declared).
     */
    private boolean held(dev.tpsync.c.structure.CallSite call, ContextSlice slice, Set<String> ownNames,
                         Set<String> tracepoints) {
        String callee = call.callee();
        return call.indirect() || slice.reachedCallees().contains(callee) || ownNames.contains(callee)
            || tracepoints.contains(ModelBuilder.tracepointCalled(callee)) || spec.isRegistrar(callee);
    }

    /** The tracepoints the slice's files and {@code touched} (the touched files after the change) declare. */
    private static Set<String> declaredOn(ContextSlice slice, Collection<FileFacts> touched) {
        Set<String> declared = TracepointChanges.declaredIn(slice.facts());
        declared.addAll(TracepointChanges.declaredIn(touched));
        return declared;
    }

    /**
     * The names a review of {@code applied} on {@code slice} will find beyond it, foreseen from
     * the touched files alone: calls, as the patch leaves them, in a function {@code summary}
     * says a context reaches by name (defined once in its file) or one that starts a context,
     * of names the slice may not hold every definition of. A hook run widens the slice by them
     * first instead of learning them from a review on the slice (0.3-0.4 s on 6.1). A foreseen name may turn out not to be needed (the
     * patch also leaves the function unreached): the wider slice judges as well, only larger.
     * Empty for what {@link #fromSlice} refuses outright: more than one patch.
     */
    public Set<String> callsBeyondForeseen(List<AppliedPatch> applied, ContextSummary summary, ContextSlice slice) {
        if (applied.size() != 1) {
            return Set.of();
        }
        List<FileFacts> touched = touchedFacts(applied);
        Set<String> tracepoints = declaredOn(slice, touched);
        Set<String> beyond = new TreeSet<>();
        for (FileFacts f : touched) {
            Set<String> own = ModelBuilder.unconditionalNames(f);
            // The summary names what it reaches by file and name: of a name the file defines more
            // than once (the stages' #defines of DECLARE_EVENT_CLASS in include/trace/, say), which
            // definition is reached it does not say. Those are left to the review (a name foreseen
            // wrongly costs a wider slice, ~1.5 s; one missed, a review on the slice, ~0.35 s).
            Set<String> once = new HashSet<>();
            Set<String> again = new HashSet<>();
            for (FunctionDef fn : f.functions()) {
                if (!once.add(fn.name())) {
                    again.add(fn.name());
                }
            }
            // By name, not as part of a file reached whole: a template's file is, for its
            // generated probes, whatever its other macros are.
            Set<String> reachedHere = summary.reached().getOrDefault(f.path(), Collections.emptySortedSet());
            for (FunctionDef fn : f.functions()) {
                boolean reached = !again.contains(fn.name()) && reachedHere.contains(fn.name());
                if (!reached && !ContextSlice.seeds(fn, spec)) {
                    continue;
                }
                for (dev.tpsync.c.structure.CallSite call : fn.calls()) {
                    if (!held(call, slice, own, tracepoints)) {
                        beyond.add(call.callee());
                    }
                }
            }
        }
        return beyond;
    }

    /** One source file a patch changes, with its facts before and after; {@code gone} when the patch deletes it. */
    private record SourceEdit(String path, FileFacts before, FileFacts after, boolean gone) {
    }

    /**
     * The source files {@code ap} changes, each with its facts before and after (a file it adds
     * has none before, one it deletes none after); empty when it changes a binary source file:
     * what the shortcuts do not judge.
     */
    private Optional<List<SourceEdit>> sourceEdits(AppliedPatch ap) {
        if (ap.binaryPaths().stream().anyMatch(SourceTree::isSource)) {
            return Optional.empty();
        }
        List<SourceEdit> out = new ArrayList<>();
        for (String path : ap.touchedPaths()) {
            if (!SourceTree.isSource(path)) {
                continue;
            }
            Optional<String> was = ap.before().getOrDefault(path, Optional.empty());
            Optional<String> is = ap.after().getOrDefault(path, Optional.empty());
            if (was.isEmpty() && is.isEmpty()) {
                continue;
            }
            // A file the patch adds or deletes is judged as an edit from or to an empty one: no
            // node, edge or file-wide fact (a rename is both).
            out.add(new SourceEdit(path, was.isPresent() ? parsed(path, was.get()) : FileFacts.empty(path),
                is.isPresent() ? parsed(path, is.get()) : FileFacts.empty(path), is.isEmpty()));
        }
        return Optional.of(out);
    }

    /** What the rules find in the functions of {@code touched}, judged on {@code model} of the reference files. */
    private List<Finding> unreachedFindings(CodeModel model, Map<String, FileFacts> touched) {
        List<FunctionDef> functions = new ArrayList<>();
        touched.values().forEach(f -> functions.addAll(f.functions()));
        return runner.run(new AnalysisContext(model, Contexts.unreached(model), functions, treeAvailable));
    }

    private boolean movesCodeOnly(AppliedPatch ap) {
        if (ap.binaryPaths().stream().anyMatch(SourceTree::isSource)) {
            return false;
        }
        for (String path : ap.touchedPaths()) {
            if (!SourceTree.isSource(path)) {
                continue;
            }
            Optional<String> was = ap.before().getOrDefault(path, Optional.empty());
            Optional<String> is = ap.after().getOrDefault(path, Optional.empty());
            // A file that appears or goes (a rename is both) changes the tree's set of files.
            if (was.isPresent() != is.isPresent()) {
                return false;
            }
            if (was.isEmpty() || was.get().equals(is.get())) {
                continue;
            }
            if (!LayoutOnlyChange.between(parsed(path, was.get()), parsed(path, is.get()))) {
                return false;
            }
        }
        return true;
    }

    /** Each finding says itself that it rests on the patch alone: a finding is often read without the report's notes. */
    private static Finding withoutTreeNote(Finding f) {
        return f.withMessage(f.message() + " " + NO_TREE_NOTE);
    }

    /**
     * The functions to judge in one image: all of every touched file, and those elsewhere whose
     * context the patch changed (node ids of untouched code are the same in both images) or
     * that call a function it made sleep or stop sleeping ({@link ChangedSleepers}), in file order.
     */
    private static List<FunctionDef> toCheck(CodeModel model, Set<String> touched, BitSet changedContext,
                                             Set<String> changedCallees) {
        Set<FunctionDef> changed = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<String> files = new HashSet<>(touched);
        for (FunctionDef caller : ChangedSleepers.callersOf(model, changedCallees)) {
            changed.add(caller);
            files.add(caller.file());
        }
        for (int id = changedContext.nextSetBit(0); id >= 0; id = changedContext.nextSetBit(id + 1)) {
            Node n = model.node(id);
            n.function().ifPresent(changed::add);
            files.add(n.file());
        }
        List<FunctionDef> out = new ArrayList<>();
        for (FileFacts f : model.files()) {
            if (!files.contains(f.path())) {
                continue;
            }
            boolean whole = touched.contains(f.path());
            for (FunctionDef fn : f.functions()) {
                if (whole || changed.contains(fn)) {
                    out.add(fn);
                }
            }
        }
        return out;
    }
}
