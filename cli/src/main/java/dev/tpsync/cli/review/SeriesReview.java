package dev.tpsync.cli.review;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.ParseWorkspace;
import dev.tpsync.c.structure.StructureParser;
import dev.tpsync.cache.ContextSlices;
import dev.tpsync.cache.ContextSummaries;
import dev.tpsync.cache.DefinitionIndex;
import dev.tpsync.cache.DefinitionIndexes;
import dev.tpsync.cache.FactCache;
import dev.tpsync.cache.IndexedDefinitions;
import dev.tpsync.cache.ModelCache;
import dev.tpsync.cache.SnapshotFacts;
import dev.tpsync.cache.TreeContent;
import dev.tpsync.cache.TreeKey;
import dev.tpsync.cache.WarmUpLock;
import dev.tpsync.cache.WiderSlices;
import dev.tpsync.cli.options.Progress;
import dev.tpsync.concurrent.Futures;
import dev.tpsync.input.InputException;
import dev.tpsync.model.ContextSlice;
import dev.tpsync.model.ContextSpec;
import dev.tpsync.model.ContextSummary;
import dev.tpsync.model.Contexts;
import dev.tpsync.model.Definitions;
import dev.tpsync.model.IncrementalModel;
import dev.tpsync.patch.AppliedPatch;
import dev.tpsync.patch.GitRepo;
import dev.tpsync.patch.GitSnapshot;
import dev.tpsync.patch.Patch;
import dev.tpsync.patch.PatchSeries;
import dev.tpsync.report.PatchReport;
import dev.tpsync.report.Report;
import dev.tpsync.review.PatchFragments;
import dev.tpsync.review.ReviewEngine;
import dev.tpsync.rules.engine.Phases;
import dev.tpsync.rules.engine.RuleRunner;
import dev.tpsync.source.ParallelParser;
import dev.tpsync.source.TreeSnapshot;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reviews applied patches against the tree they apply to, or patches alone when there is no
 * tree: the library behind {@code tpsync review} and {@code tpsync b4-check}.
 */
public final class SeriesReview {

    private final RuleRunner runner;
    private final ContextSpec spec;
    private final Supplier<Optional<FactCache>> cache;
    private final int jobs;
    private final PrintWriter err;
    private final boolean quiet;
    private final Phases phases;
    /**
     * Held while a summary or slice is written: review keeps its base's beside its result's, and
     * both note their tree in the same lists (read, then rewritten).
     */
    private final Object keeping = new Object();
    /** The base tree's summary, being read since {@link #readingSummaryOf}; null when not started early. */
    private final EarlyRead early;

    /**
     * @param spec  entry points and regions (kernel defaults plus configuration)
     * @param cache opens the fact cache, keyed by blob id, or gives none (--no-cache); asked only when
     *              the tree is needed (an edit that only moves code never opens it)
     * @param err   where progress goes (only when it is a terminal)
     * @param quiet no progress at all
     * @param phases where the cost of each phase goes (-v)
     */
    public SeriesReview(RuleRunner runner, ContextSpec spec, Supplier<Optional<FactCache>> cache, int jobs,
                        PrintWriter err,
                        boolean quiet, Phases phases) {
        this(runner, spec, cache, jobs, err, quiet, phases, null);
    }

    private SeriesReview(RuleRunner runner, ContextSpec spec, Supplier<Optional<FactCache>> cache, int jobs,
                         PrintWriter err, boolean quiet, Phases phases, EarlyRead early) {
        this.early = early;
        this.phases = phases;
        this.runner = runner;
        this.spec = spec;
        this.cache = cache;
        this.jobs = jobs;
        this.err = err;
        this.quiet = quiet;
    }

    /** Reviews {@code applied} (patches applied in order onto {@code snapshot}) with the whole tree as context. */
    public Report withTree(TreeSnapshot snapshot, List<AppliedPatch> applied, List<String> inputs, List<String> notes) {
        return withTree(snapshot, applied, inputs, notes, Optional::empty);
    }

    /**
     * As {@link #withTree(TreeSnapshot, List, List, List)}; {@code result} gives the git tree the
     * series leaves (the index's, for a staged review), whose {@link ContextSummary} the review
     * keeps for the run after the commit. It is asked only when a summary may be kept: not for
     * an edit that only moves code, nor without a cache.
     *
     * <p>Three ways, cheapest first: an edit that only moves code is answered from the touched
     * files; a change to code no context reaches, from them and the base tree's summary (when a
     * review kept one); anything else loads the base tree's facts and model.
     */
    public Report withTree(TreeSnapshot snapshot, List<AppliedPatch> applied, List<String> inputs, List<String> notes,
                           Supplier<Optional<String>> result) {
        ReviewEngine engine = new ReviewEngine(spec, runner, true, jobs, phases);
        engine.requireReadable(applied);
        ShortWay way = shortWay(engine, snapshot, applied, inputs, notes, result);
        if (way.report().isPresent()) {
            return way.report().get();
        }
        SummaryRead read = way.read();
        Optional<FactCache> cache = read.cache();
        Optional<String> base = snapshot.revisionId();
        TreeDefinitions definitions = way.definitions();
        LoadedFacts tree = definitions.loaded().orElseGet(() -> loadFacts(snapshot, cache));
        Optional<SnapshotFacts> cached = tree.cached();
        List<FileFacts> facts = tree.facts();
        if (early != null && definitions.loaded().isEmpty()) {
            // The hook's long way (HEAD's first run, say): the next run that widens a slice on
            // this HEAD or a commit after it reads a few files, not the tree.
            keepDefinitionIndex(snapshot, cache, () -> facts);
        }
        Map<String, Optional<String>> touched = finalTexts(applied);
        return engine.review(facts, files -> baseModel(snapshot, cache, cached, files), applied, inputs, notes,
            new ReviewEngine.Summaries(keeper(read.summaries(), read.slices(), base, snapshot::blobId),
                keeper(read.summaries(), read.slices(), way.resultTree(), path -> touched.containsKey(path)
                    ? touched.get(path).map(GitRepo::blobIdOf) : snapshot.blobId(path))));
    }

    /**
     * Keeps the summary and slice of the git tree {@code applied} leaves on {@code snapshot}
     * (given by {@code result}), made as a staged review of the change makes them: when the
     * change takes one of the short ways. Never loads the tree (a widening may read its facts):
     * whether the tree's summary is kept now. What a hook run on a HEAD no run has seen does
     * for each commit since one that has a summary ({@link HeadCatchUp}); this review must read
     * {@code snapshot}'s summary early ({@link #readingSummaryOf}).
     */
    boolean carryOver(TreeSnapshot snapshot, List<AppliedPatch> applied, Supplier<Optional<String>> result) {
        ReviewEngine engine = new ReviewEngine(spec, runner, true, jobs, phases);
        Optional<String> tree = result.get();
        ShortWay way = shortWay(engine, snapshot, applied, List.of(), List.of(), () -> tree);
        return way.report().isPresent() && tree.isPresent() && way.read().summaries().isPresent()
            && way.read().summaries().get().has(tree.get(), spec);
    }

    /**
     * Where the short ways leave a review: its report when one judged it; otherwise what the
     * long way goes on from (the summary read, the tree the change leaves, the definitions a
     * widening may have read: null when no slice was tried).
     */
    private record ShortWay(Optional<Report> report, SummaryRead read, Optional<String> resultTree,
                            TreeDefinitions definitions) {
    }

    /**
     * The short ways, cheapest first: an edit that only moves code is answered from the touched
     * files; a change to code no context reaches, from them and the base tree's summary (when a
     * review kept one); one to reached code, on the base's slice (or a wider one).
     */
    private ShortWay shortWay(ReviewEngine engine, TreeSnapshot snapshot, List<AppliedPatch> applied,
                              List<String> inputs, List<String> notes, Supplier<Optional<String>> result) {
        // Edits that only move code cannot change a finding: the tree is not needed to say so.
        Optional<Report> moved = phases.time("layout", () -> engine.layoutOnly(applied, inputs, notes));
        if (moved.isPresent()) {
            if (early != null && early.join().tree().equals(snapshot.revisionId())) {
                keepAfterMoves(engine, early.join(), snapshot.revisionId(), applied, result);
                return new ShortWay(moved, early.join(), Optional.empty(), null);
            }
            return new ShortWay(moved, readSummary(Optional.empty(), Optional.empty()), Optional.empty(), null);
        }
        Optional<String> base = snapshot.revisionId();
        SummaryRead first = early != null && early.join().tree().equals(base) ? early.join()
            : readSummary(this.cache.get(), base);
        // A staged review's base is HEAD, the tree a warm-up under way loads (another review's
        // base may be any tree: it would wait for nothing). Without one, HEAD's summary may be
        // carried forward from an ancestor's, commit by commit.
        SummaryRead read = early != null && first.base().isEmpty() && first.cache().isPresent() && base.isPresent()
            && (awaitWarmUp(first.cache().get()) || early.caughtUp()) ? readSummary(first.cache(), base) : first;
        Optional<ContextSummaries> summaries = read.summaries();
        Optional<ContextSummary> baseSummary = read.base();
        Optional<String> resultTree = summaries.isPresent() ? result.get() : Optional.empty();
        if (baseSummary.isPresent()) {
            Optional<ReviewEngine.SummaryReview> judged = phases.time("summary",
                () -> engine.fromSummary(applied, baseSummary.get(), read.baseSlice(), inputs, notes));
            if (judged.isPresent()) {
                // Code no context reaches changed: the contexts, the graph of reached code and so
                // the slice stay, with the touched files' new blobs.
                keepAfter(read, resultTree, judged.get().after(), () -> carriedSlice(engine, read, applied),
                    Optional.empty(), Set.of());
                return new ShortWay(Optional.of(judged.get().report()), read, resultTree, null);
            }
        }
        Optional<ContextSlice> slice = read.baseSlice();
        // The tree's facts, when a wider slice needed them first (opening the index costs: not before).
        TreeDefinitions definitions = new TreeDefinitions(snapshot, read.cache());
        if (slice.isPresent() && applied.size() > 1) {
            // A series: patch by patch, each on the summary and slice the one before leaves.
            // Each patch's slice model through the cache too: a slice made from another is named
            // by its lineage, so a series reviewed again finds those of the patches it had.
            Optional<Report> judged = phases.time("patch by patch", () -> new PatchByPatch(engine, spec, definitions).review(
                applied, baseSummary.get(), slice.get(), (on, patch) -> (files, whole) -> sliceModel(read.cache(), on,
                    files, whole, baseBlobIds(List.of(patch))::get), inputs, notes));
            if (judged.isPresent()) {
                return new ShortWay(judged, read, resultTree, definitions);
            }
        } else if (slice.isPresent()) {
            Optional<Report> judged = onSlices(engine, applied, read, slice.get(), resultTree, definitions, inputs,
                notes);
            if (judged.isPresent()) {
                return new ShortWay(judged, read, resultTree, definitions);
            }
        }
        return new ShortWay(Optional.empty(), read, resultTree, definitions);
    }

    /** The facts of a tree's every source file, and the cache's facts they were read through. */
    private record LoadedFacts(Optional<SnapshotFacts> cached, List<FileFacts> facts) {
    }

    /**
     * The report on {@code applied} judged on the base's {@code slice}, or on a slice widened
     * by the definitions of what the change's reached code calls beyond it; empty when no slice
     * judges it. Keeps what the next run starts from: the wider slice of the base apart from its
     * own, and the summary, slice and model of the tree the change leaves ({@code resultTree}).
     */
    private Optional<Report> onSlices(ReviewEngine engine, List<AppliedPatch> applied, SummaryRead read,
                                      ContextSlice slice, Optional<String> resultTree, TreeDefinitions tree,
                                      List<String> inputs, List<String> notes) {
        String base = read.tree().orElseThrow();
        Map<String, String> newBlobIds = touchedBlobIds(applied);
        AtomicReference<Set<String>> beyond = new AtomicReference<>(Set.of());
        // Reached code calling what no reached code called: a slice with those definitions, and
        // what they call, taken from the tree's facts, may still judge the change. The names the
        // touched files show are widened by at once; what the wider slice makes reached may call
        // what it still lacks, named by the review on it: widened again.
        Set<String> names = phases.time("foreseen", () -> engine.callsBeyondForeseen(applied, read.base().get(),
            slice));
        ContextSlice on = slice;
        boolean keptWider = false;
        if (!names.isEmpty()) {
            // A run again for the same change (a finding mended) finds the wider slice the first
            // made, and reads no facts.
            Set<String> foreseen = names;
            Optional<ContextSlice> kept = phases.time("wider slice read", () -> Futures.join(read.beyond())
                .flatMap(widened -> widened.over(slice))
                .filter(wider -> wider.reachedCallees().containsAll(foreseen)));
            if (kept.isPresent()) {
                on = kept.get();
                names = Set.of();
                keptWider = true;
            }
        }
        Optional<ReviewEngine.SliceReview> judged = Optional.empty();
        int widenings = 0;
        while (true) {
            if (!names.isEmpty()) {
                widenings++;
                ContextSlice from = on;
                Set<String> wanted = names;
                Definitions definitions = tree.definitions();
                Optional<ContextSlice> wider = phases.time("wider slice",
                    () -> from.withDefinitionsOf(wanted, definitions, spec, tree::blobId));
                if (wider.isEmpty()) {
                    break;
                }
                on = wider.get();
            }
            ContextSlice judging = on;
            judged = phases.time("slice",
                () -> onSlice(engine, applied, read, judging, newBlobIds, inputs, notes, beyond::set));
            names = beyond.getAndSet(Set.of());
            if (judged.isPresent() || names.isEmpty() || widenings == WIDENINGS) {
                break;
            }
        }
        if (judged.isEmpty()) {
            return Optional.empty();
        }
        boolean widened = on != slice;
        if (widened && !keptWider) {
            // A run again on the same HEAD (after a finding is mended) starts from it; a run for
            // another change starts from HEAD's own slice still.
            keepWider(read.cache().get(), base, on, slice);
        }
        // The next commit's hook starts from the slice left: its model is this review's last.
        // After a wider slice, the slice the tree after needs is made anew: the commits after do
        // not carry the definitions the change did not reach (its model is then built by the
        // next commit's hook).
        ReviewEngine.SliceReview done = judged.get();
        Supplier<Optional<ContextSlice>> after = widened
            ? () -> phases.time("slice after", done::slicedAfter)
            : done::sliceAfter;
        keepAfter(read, resultTree, done.after(), after, widened ? Optional.empty() : done.modelAfter(), done.whole());
        return Optional.of(done.report());
    }

    /**
     * A tree's definitions by name, found the first time a slice is widened: through the kept
     * {@link DefinitionIndex} of a tree near it when there is one (reading the facts of the files
     * that define the names asked, and of those that differ between the two trees), else from
     * the facts of its every file (opening the index costs: not before), which the long way
     * then reuses, and of which an index is kept for the next run.
     */
    final class TreeDefinitions {
        private final TreeSnapshot snapshot;
        private final Optional<FactCache> cache;
        private LoadedFacts loaded;
        private Definitions definitions;
        private Function<String, Optional<String>> blobIds;

        TreeDefinitions(TreeSnapshot snapshot, Optional<FactCache> cache) {
            this.snapshot = snapshot;
            this.cache = cache;
        }

        Definitions definitions() {
            if (definitions == null) {
                Optional<IndexedDefinitions> indexed = phases.time("definition index",
                    () -> indexedDefinitions(snapshot, cache));
                if (indexed.isPresent()) {
                    definitions = indexed.get();
                    blobIds = indexed.get()::blobId;
                } else {
                    loaded = loadFacts(snapshot, cache);
                    List<FileFacts> facts = loaded.facts();
                    definitions = phases.time("definitions", () -> Definitions.of(facts));
                    blobIds = snapshot::blobId;
                    keepDefinitionIndex(snapshot, cache, () -> facts);
                }
            }
            return definitions;
        }

        /** The blob id of a file a definition came from. */
        Optional<String> blobId(String path) {
            return blobIds.apply(path);
        }

        /** The facts, when a widening read them. */
        Optional<LoadedFacts> loaded() {
            return Optional.ofNullable(loaded);
        }
    }

    /**
     * The definitions of {@code snapshot}'s tree through the newest index the cache keeps, when
     * it is of a tree at most {@link #INDEX_CHANGES} source files from it.
     */
    private Optional<IndexedDefinitions> indexedDefinitions(TreeSnapshot snapshot, Optional<FactCache> cache) {
        return nearIndex(snapshot, cache, INDEX_CHANGES).map(near -> {
            SnapshotFacts facts = SnapshotFacts.open(cache.get());
            facts.prefetchInBackground();
            ParseWorkspace workspace = new ParseWorkspace();
            return new IndexedDefinitions(near.index(), near.changed(),
                (path, blob) -> facts.facts(path, blob, workspace, ws -> parseBlob(snapshot, path, ws)));
        });
    }

    /** A kept definition index and the source files that differ between its tree and a run's. */
    private record NearIndex(DefinitionIndex index, Map<String, Optional<String>> changed) {
    }

    /** The newest definition index kept, when it is of a tree at most {@code most} source files from {@code snapshot}'s. */
    private Optional<NearIndex> nearIndex(TreeSnapshot snapshot, Optional<FactCache> cache, int most) {
        if (cache.isEmpty() || snapshot.revisionId().isEmpty()) {
            return Optional.empty();
        }
        return DefinitionIndexes.of(cache.get()).newest(spec).flatMap(index -> snapshot.sourceChangesSince(
            index.tree(), most).map(changed -> new NearIndex(index, changed)));
    }

    /**
     * At most this many source files between the tree of a kept definition index and a run's:
     * each is read whole (from the cache, as a rule), where the index names only a few files.
     */
    private static final int INDEX_CHANGES = 1000;

    /** A run that read a tree's every file keeps its index when the kept one is more files than this away. */
    private static final int REINDEX_CHANGES = 250;

    /**
     * Keeps the definition index of {@code snapshot}'s tree, from the facts of its every file
     * ({@code facts}, asked only then), unless the cache keeps one near it already
     * ({@link #REINDEX_CHANGES}). Best effort.
     */
    private void keepDefinitionIndex(TreeSnapshot snapshot, Optional<FactCache> cache,
                                     Supplier<List<FileFacts>> facts) {
        Optional<String> tree = snapshot.revisionId();
        if (cache.isEmpty() || tree.isEmpty() || nearIndex(snapshot, cache, REINDEX_CHANGES).isPresent()) {
            return;
        }
        List<FileFacts> all = facts.get();
        phases.time("keep definition index", () -> DefinitionIndex.of(tree.get(), all, snapshot::blobId)
            .map(index -> DefinitionIndexes.of(cache.get()).write(index, spec)));
    }

    /** The facts of every source file of {@code snapshot}, through the cache when there is one. */
    private LoadedFacts loadFacts(TreeSnapshot snapshot, Optional<FactCache> cache) {
        Optional<SnapshotFacts> cached = cache.map(SnapshotFacts::open);
        return new LoadedFacts(cached, phases.time("facts", () -> baseFacts(snapshot, cached)));
    }

    /**
     * The review of {@code applied} on {@code slice} (the base's, or one with more definitions),
     * its base model through the cache of slice models, the touched files' new texts at
     * {@code newBlobIds}; names reached code would call beyond the slice go to
     * {@code callsBeyond} ({@link ReviewEngine#fromSlice}).
     */
    private Optional<ReviewEngine.SliceReview> onSlice(ReviewEngine engine, List<AppliedPatch> applied,
                                                       SummaryRead read, ContextSlice slice,
                                                       Map<String, String> newBlobIds, List<String> inputs,
                                                       List<String> notes, Consumer<Set<String>> callsBeyond) {
        return engine.fromSlice(applied, read.base().get(), slice,
            (files, whole) -> sliceModel(read.cache(), slice, files, whole, baseBlobIds(applied)::get),
            path -> Optional.ofNullable(newBlobIds.get(path)), inputs, notes, callsBeyond);
    }

    /**
     * The model of a slice's facts with the touched files whole (the base a slice review starts
     * from), through the cache's store of slice models: a hook run again on the same HEAD for
     * the same files restores it (~17k functions on 6.1), one after a commit builds and keeps it.
     * A touched file the slice does not hold is named by its blob id in the base tree
     * ({@code baseBlobId}, null for none: then the model is built alone).
     */
    private IncrementalModel sliceModel(Optional<FactCache> cache, ContextSlice slice, List<FileFacts> files,
                                        Set<String> whole, Function<String, String> baseBlobId) {
        if (cache.isEmpty()) {
            return IncrementalModel.build(files, spec, jobs);
        }
        Function<String, String> blobOf = path -> slice.files().containsKey(path) ? slice.files().get(path)
            : baseBlobId.apply(path);
        if (whole.stream().map(blobOf).anyMatch(Objects::isNull)) {
            return IncrementalModel.build(files, spec, jobs);
        }
        return ModelCache.forSlices(cache.get()).incrementalModelOf(sliceModelKey(slice.id(), whole, blobOf), files,
            spec, jobs);
    }

    /**
     * Keeps {@code model}, the model of {@code slice}'s facts (the files of {@code whole} in it
     * whole already), where {@link #sliceModel} finds it for a change to the same files.
     */
    private void keepSliceModel(FactCache cache, ContextSlice slice, Set<String> whole, IncrementalModel model) {
        phases.time("keep slice model", () -> {
            ModelCache.forSlices(cache).keep(sliceModelKey(slice.id(), whole, slice.files()::get), spec, model);
            return slice;
        });
    }

    /**
     * The key of the model of the slice {@code id} names with the files of {@code whole} whole:
     * the identity and each of them with its blob id ({@code blobOf}).
     */
    private static String sliceModelKey(String id, Set<String> whole, Function<String, String> blobOf) {
        TreeMap<String, String> blobs = new TreeMap<>();
        whole.forEach(path -> blobs.put(path, blobOf.apply(path)));
        return TreeKey.ofSlice(id, blobs);
    }


    /** Each source file the series touches, with its text after the last patch (empty when it goes). */
    private static Map<String, Optional<String>> finalTexts(List<AppliedPatch> applied) {
        Map<String, Optional<String>> out = new LinkedHashMap<>();
        for (AppliedPatch ap : applied) {
            for (String path : ap.touchedPaths()) {
                out.put(path, ap.after().getOrDefault(path, Optional.empty()));
            }
        }
        return out;
    }

    /**
     * The git blob ids of the texts the files the series touches had before its first patch,
     * hashed from the texts (the base tree would have to be walked down to each file for them:
     * ~0.1 s for one file on a kernel); git's null id for a file that was not there.
     */
    static Map<String, String> baseBlobIds(List<AppliedPatch> applied) {
        Map<String, String> out = new LinkedHashMap<>();
        for (AppliedPatch ap : applied) {
            for (String path : ap.touchedPaths()) {
                if (!out.containsKey(path)) {
                    out.put(path, ap.before().getOrDefault(path, Optional.empty()).map(GitRepo::blobIdOf)
                        .orElse(NO_FILE));
                }
            }
        }
        return out;
    }

    /** What git writes for the blob of a file that is not there. */
    private static final String NO_FILE = "0".repeat(40);

    /** The git blob ids of the texts the series leaves in the files it touches (those it keeps). */
    static Map<String, String> touchedBlobIds(List<AppliedPatch> applied) {
        Map<String, String> out = new LinkedHashMap<>();
        finalTexts(applied).forEach((path, text) -> text.ifPresent(t -> out.put(path, GitRepo.blobIdOf(t))));
        return out;
    }

    /**
     * Keeps the summary and the slice of the tree an edit that only moves code leaves: the same
     * contexts and the same graph as its base's, so the hook on the next commit need not load the
     * tree. Only when the hook read the base's summary and slice beside the index (without that
     * early read this is not worth its ~0.1 s).
     */
    private void keepAfterMoves(ReviewEngine engine, SummaryRead read, Optional<String> base,
                                List<AppliedPatch> applied, Supplier<Optional<String>> result) {
        if (read.base().isPresent() && base.isPresent()) {
            keepAfter(read, result.get(), engine.afterMoves(applied, read.base().get()),
                () -> carriedSlice(engine, read, applied), Optional.empty(), Set.of());
        }
    }

    /**
     * Keeps, for the tree a shortcut review leaves ({@code tree}, when there is one), its summary
     * {@code summary}, its slice ({@code slice}, asked only when the cache keeps none for the tree
     * yet, or one without a model where this run has one) and, with the slice, the model of the
     * slice when there is one to keep ({@code whole}: the files whole in it, those the change
     * touched).
     */
    private void keepAfter(SummaryRead read, Optional<String> tree, ContextSummary summary,
                           Supplier<Optional<ContextSlice>> slice, Optional<IncrementalModel> model,
                           Set<String> whole) {
        Optional<String> summaryWanted = wanted(read.summaries(), tree);
        boolean kept = tree.isPresent() && read.slices().isPresent() && read.slices().get().has(tree.get(), spec);
        Optional<ContextSlice> sliceWanted = tree.isEmpty() || read.slices().isEmpty() || kept && model.isEmpty()
            ? Optional.empty()
            : slice.get().filter(after -> !kept || !keptWithModel(read, tree.get(), after, whole));
        // The three files are apart (~2 MB of graph, 2.5 MB of slice, 0.3 MB of summary on 6.1):
        // the model is written beside the other two, which share the lock of the lists.
        CompletableFuture<Void> modelKept = sliceWanted.isPresent() && model.isPresent()
            ? Futures.onThreadOfItsOwn("tpsync-keep-slice-model", () -> {
                keepSliceModel(read.cache().get(), sliceWanted.get(), whole, model.get());
                return null;
            })
            : CompletableFuture.completedFuture(null);
        if (summaryWanted.isPresent() || kept && sliceWanted.isPresent()) {
            // A slice is judged against the summary kept with it: one replaced, the other is too.
            keep(read.summaries().get(), tree.get(), summary);
        }
        sliceWanted.ifPresent(after -> keepSlice(read.slices().get(), tree.get(), after));
        Futures.join(modelKept);
    }

    /**
     * Whether the slice kept for {@code tree} has a model kept for the files of {@code whole}
     * whole ({@code after}, the slice this run leaves of the same tree, gives their blob ids).
     * One kept by a review the long way (the first hook run on a HEAD) has none: the slice and
     * model this run leaves replace it, or the hook on the next commit builds the model of its
     * base (0.69 s instead of 0.45 s on 6.1) and keeps it only for a slice of its own base.
     */
    private boolean keptWithModel(SummaryRead read, String tree, ContextSlice after, Set<String> whole) {
        Optional<String> keptId = read.slices().get().id(tree, spec);
        return keptId.isPresent()
            && ModelCache.forSlices(read.cache().get()).has(sliceModelKey(keptId.get(), whole, after.files()::get), spec);
    }

    /** What {@link #warm} found or did. */
    public enum Warmth {
        /** the cache kept the summary and slice of the tree already */
        ALREADY,
        /** the tree was loaded and its summary and slice kept */
        WARMED,
        /** the summary and slice were carried forward from an ancestor's, commit by commit ({@link HeadCatchUp}) */
        CARRIED
    }

    /**
     * Makes sure the cache keeps what a pre-commit hook run on {@code snapshot} (HEAD) starts
     * from: the context summary and slice of its tree, and with them the facts of its files and
     * its graph. A hook run that finds them judges a staged change from them in ~0.5 s on a
     * kernel; the first one on a HEAD no run saw loads the tree instead (4-11 s: after a pull,
     * a checkout, a rebase). This is that load, with no change to judge, done ahead of time (by
     * the hooks {@code hook install} writes after each of those). Throws when there is no cache
     * or the snapshot is not a revision: there is nothing to keep then.
     */
    public Warmth warm(TreeSnapshot snapshot) {
        String tree = snapshot.revisionId().orElseThrow(() -> new IllegalArgumentException(
            "only a revision's tree can be warmed: " + snapshot.describe()));
        Optional<FactCache> cache = Optional.of(this.cache.get().orElseThrow(
            () -> new IllegalStateException("no cache to warm")));
        // None when the cache keeps both the summary and the slice of the tree already.
        Consumer<Contexts> keeper = keeper(cache.map(ContextSummaries::of), cache.map(ContextSlices::of),
            Optional.of(tree), snapshot::blobId);
        if (keeper == null) {
            // The summary and slice are there; the definition index too, unless a tpsync before
            // it kept them (then the tree's facts are read for it).
            keepDefinitionIndex(snapshot, cache, () -> loadFacts(snapshot, cache).facts());
            return Warmth.ALREADY;
        }
        LoadedFacts loaded = loadFacts(snapshot, cache);
        // A review of no patch: the base's model and contexts, which it hands to the keeper.
        new ReviewEngine(spec, runner, true, jobs, phases).review(loaded.facts(),
            files -> baseModel(snapshot, cache, loaded.cached(), files), List.of(), List.of(), List.of(),
            new ReviewEngine.Summaries(keeper, null));
        keepDefinitionIndex(snapshot, cache, loaded::facts);
        return Warmth.WARMED;
    }

    /**
     * Waits for a warm-up of {@code cache} under way (the hooks start one after a pull, a
     * checkout, a rebase): it is loading the tree this review would load beside it, on the same
     * two cores. True when one was under way: the summary it kept may be there now.
     */
    private boolean awaitWarmUp(FactCache cache) {
        return WarmUpLock.awaitRelease(cache, WARM_UP_WAIT, () -> {
            if (!quiet) {
                err.println("tpsync: waiting for the warm-up of the cache ('tpsync hook warm', started by a git hook)"
                    + " to finish: it is loading this tree");
                err.flush();
            }
        });
    }

    /**
     * At most this many slices widened for one change (each a model of the slice and its
     * contexts, ~0.4 s on 6.1): a change whose reached code reaches that far is judged on the
     * whole tree.
     */
    static final int WIDENINGS = 3;

    /** At most this long: a warm-up that parses a whole kernel tree and builds its graph takes ~20 s. */
    private static final Duration WARM_UP_WAIT = Duration.ofMinutes(2);

    /**
     * Whether the cache keeps the context summary of the git tree {@code tree} (it may still turn
     * out damaged when read). Reads only directory entries: writes nothing.
     */
    public boolean isSummarised(String tree) {
        Optional<FactCache> opened = cache.get();
        return opened.isPresent() && ContextSummaries.of(opened.get()).has(tree, spec);
    }

    /**
     * Whether the cache keeps the context summary and slice of the git tree {@code tree}, whole:
     * their checksums are checked (a few ms), not their contents decoded. A damaged one is
     * removed, so a warm-up makes it anew rather than say the cache holds the tree.
     */
    public boolean isWarm(String tree) {
        Optional<FactCache> opened = cache.get();
        if (opened.isEmpty()) {
            return false;
        }
        // Both asked, so both are removed when damaged: a warm-up keeps only what it finds missing.
        boolean summary = ContextSummaries.of(opened.get()).intact(tree, spec);
        boolean slice = ContextSlices.of(opened.get()).intact(tree, spec);
        return summary && slice;
    }

    /**
     * The base's slice carried over a change the summary judged or that only moved code: such a
     * change leaves every context and the graph of reached code as they were, so the slice's
     * files still close over them, with the touched ones' new texts and without those it deleted.
     */
    private static Optional<ContextSlice> carriedSlice(ReviewEngine engine, SummaryRead read,
                                                       List<AppliedPatch> applied) {
        return read.baseSlice().map(slice -> carriedSlice(engine, slice, applied));
    }

    /** {@code slice} carried over {@code applied}, which the summary judged or which only moved code. */
    static ContextSlice carriedSlice(ReviewEngine engine, ContextSlice slice, List<AppliedPatch> applied) {
        List<String> gone = finalTexts(applied).entrySet().stream().filter(e -> e.getValue().isEmpty())
            .map(Map.Entry::getKey).toList();
        return slice.after(touchedBlobIds(applied), engine.touchedFacts(applied)).without(gone);
    }

    /**
     * This review, with the context summary and slice of the tree {@code base} gives (HEAD's) read
     * on a second thread from now on, when the cache keeps them: a staged review reads the git
     * index meanwhile. The thread opens the cache before it asks for the tree, so the cache's
     * set-up overlaps with finding HEAD's tree, the first object a run reads (~15 ms). On 6.1 the
     * index took ~0.14 s and opening the cache and reading the summary ~0.07 s of a ~0.5 s hook
     * run; one after the other they were on its critical path.
     */
    public SeriesReview readingSummaryOf(Supplier<Optional<String>> base) {
        return readingSummaryOf(base, () -> false);
    }

    /**
     * As {@link #readingSummaryOf(Supplier)}; when the cache keeps no summary of that tree,
     * {@code catchUp} may keep one (carried forward from an ancestor's, {@link HeadCatchUp}), and
     * says whether it did: the review then reads it.
     */
    public SeriesReview readingSummaryOf(Supplier<Optional<String>> base, BooleanSupplier catchUp) {
        CompletableFuture<SummaryRead> read = Futures.onThreadOfItsOwn("tpsync-summary-read", () -> {
            Optional<FactCache> opened = cache.get();
            return readSummary(opened, base.get());
        });
        return new SeriesReview(runner, spec, cache, jobs, err, quiet, phases, new EarlyRead(read, catchUp));
    }

    /**
     * The fact cache (when there is one), its context summaries and slices, and the summary and
     * slice of the base tree {@code tree} when kept (the slice only with the summary: it is
     * checked against it).
     */
    private record SummaryRead(Optional<String> tree, Optional<FactCache> cache, Optional<ContextSummaries> summaries,
                               Optional<ContextSlices> slices, Optional<ContextSummary> base,
                               Optional<ContextSlice> baseSlice, CompletableFuture<Optional<WiderSlices.Beyond>> beyond) {
    }

    /** A {@link SummaryRead} under way, and what may keep the summary it did not find. */
    private record EarlyRead(CompletableFuture<SummaryRead> read, BooleanSupplier catchUp) {
        SummaryRead join() {
            return Futures.join(read);
        }

        boolean caughtUp() {
            return catchUp.getAsBoolean();
        }
    }

    private SummaryRead readSummary(Optional<FactCache> cache, Optional<String> base) {
        Optional<ContextSummaries> summaries = cache.map(ContextSummaries::of);
        Optional<ContextSlices> slices = cache.map(ContextSlices::of);
        // The slice (2.5 MB on 6.1, ~20 ms) is decoded on a thread of its own beside the summary
        // (0.3 MB, ~12 ms): both are on a hook run's critical path.
        CompletableFuture<Optional<ContextSlice>> slice = slices.isPresent() && base.isPresent()
            ? Futures.onThreadOfItsOwn("tpsync-slice-read", () -> slices.get().read(base.get(), spec))
            : CompletableFuture.completedFuture(Optional.empty());
        // A wider slice kept for the tree is there for a run again on the same change (after a
        // finding is mended): what it holds beyond the slice is decoded beside it from the start,
        // not once the change is found to call beyond the slice (~0.1 s on 6.1 then).
        Optional<WiderSlices> widerSlices = cache.map(WiderSlices::of);
        CompletableFuture<Optional<WiderSlices.Beyond>> beyond = widerSlices.isPresent() && base.isPresent()
            && widerSlices.get().has(base.get(), spec)
            ? Futures.onThreadOfItsOwn("tpsync-wider-slice-read", () -> widerSlices.get().read(base.get(), spec))
            : CompletableFuture.completedFuture(Optional.empty());
        Optional<ContextSummary> summary = summaries.flatMap(s -> base.flatMap(b -> s.read(b, spec)));
        return new SummaryRead(base, cache, summaries, slices, summary,
            summary.isPresent() ? Futures.join(slice) : Optional.empty(), beyond);
    }

    /**
     * Keeps the summary and the slice of {@code tree} from its contexts (the slice with the blob
     * ids {@code blobIdOf} gives); null (not asked for) without a cache or when both are kept.
     */
    private Consumer<Contexts> keeper(Optional<ContextSummaries> summaries, Optional<ContextSlices> slices,
                                      Optional<String> tree, Function<String, Optional<String>> blobIdOf) {
        Optional<String> summaryWanted = wanted(summaries, tree);
        Optional<String> sliceWanted = slices.isPresent() ? tree.filter(t -> !slices.get().has(t, spec))
            : Optional.empty();
        if (summaryWanted.isEmpty() && sliceWanted.isEmpty()) {
            return null;
        }
        return searched -> {
            // The tree's own contexts: a review's tree after a change is searched with its base's
            // sleepers as boundaries (Contexts.alone).
            Contexts contexts = searched.sparedSleeper() ? phases.time("contexts alone", searched::alone) : searched;
            summaryWanted.ifPresent(t -> keep(summaries.get(), t, ContextSummary.of(contexts)));
            sliceWanted.ifPresent(t -> phases.time("slice of tree", () -> ContextSlice.of(contexts, blobIdOf))
                .ifPresent(s -> keepSlice(slices.get(), t, s)));
        };
    }

    /** Keeps {@code wider}, made from {@code own} by widening it, as the wider slice of {@code tree}. */
    private void keepWider(FactCache cache, String tree, ContextSlice wider, ContextSlice own) {
        synchronized (keeping) {
            phases.time("keep wider slice", () -> WiderSlices.of(cache).write(tree, spec, wider, own));
        }
    }

    private void keepSlice(ContextSlices slices, String tree, ContextSlice slice) {
        synchronized (keeping) {
            phases.time("keep slice", () -> slices.write(tree, spec, slice));
        }
    }

    /** {@code tree}, when there is a cache and it keeps no summary of that tree yet. */
    private Optional<String> wanted(Optional<ContextSummaries> summaries, Optional<String> tree) {
        return summaries.isPresent() ? tree.filter(t -> !summaries.get().has(t, spec)) : Optional.empty();
    }

    private void keep(ContextSummaries summaries, String tree, ContextSummary summary) {
        synchronized (keeping) {
            phases.time("keep summary", () -> summaries.write(tree, spec, summary));
        }
    }

    /**
     * The base tree's model: from the model cache when a run on the same content kept its graph
     * (a scan of the clean tree, an earlier hook run on the same HEAD), rebuilt from a kept graph
     * a few files away (the hook run before the last commit), built and kept otherwise; built
     * alone without a cache or when a file has no blob id.
     */
    private IncrementalModel baseModel(TreeSnapshot snapshot, Optional<FactCache> cache,
                                       Optional<SnapshotFacts> cached, List<FileFacts> files) {
        Optional<TreeContent> content = cache.isPresent()
            ? TreeContent.of(files.stream().map(FileFacts::path).toList(), snapshot::blobId) : Optional.empty();
        if (content.isEmpty()) {
            return IncrementalModel.build(files, spec, jobs);
        }
        ParseWorkspace workspace = new ParseWorkspace();
        return ModelCache.of(cache.get()).incrementalModelOf(content.get(), snapshot.revisionId(), files, spec, jobs,
            (path, blob) -> cached.flatMap(c -> c.cached(path, blob, workspace)));
    }

    /** The facts of every source file of {@code snapshot}. */
    private List<FileFacts> baseFacts(TreeSnapshot snapshot, Optional<SnapshotFacts> cached) {
        List<String> paths = snapshot.sourcePaths();
        Progress progress = quiet ? Progress.none() : Progress.forStderr(err, "parsing", paths.size());
        List<FileFacts> facts = new ParallelParser(jobs).parseAll(paths,
            (path, workspace) -> facts(snapshot, cached, path, workspace), progress::update);
        progress.done();
        cached.ifPresent(SnapshotFacts::finish);
        return facts;
    }

    /** Facts by blob id through the cache when the snapshot knows the id; parsed otherwise. */
    private static FileFacts facts(TreeSnapshot snapshot, Optional<SnapshotFacts> cached, String path,
                                   ParseWorkspace workspace) {
        Optional<String> id = snapshot.blobId(path);
        if (cached.isPresent() && id.isPresent()) {
            return cached.get().facts(path, id.get(), workspace, ws -> parse(snapshot, path, ws));
        }
        return parse(snapshot, path, workspace);
    }

    /**
     * As {@link #parse}, the file read by its own lookup: {@code readInto} may first walk the
     * whole revision for every file's blob id.
     */
    private static FileFacts parseBlob(TreeSnapshot snapshot, String path, ParseWorkspace workspace) {
        workspace.use(snapshot.readBytes(path).orElse(new byte[0]));
        return StructureParser.parse(path, workspace);
    }

    private static FileFacts parse(TreeSnapshot snapshot, String path, ParseWorkspace workspace) {
        if (!snapshot.readInto(path, workspace)) {
            workspace.use(new byte[0]);
        }
        return StructureParser.parse(path, workspace);
    }

    /** --no-tree: each patch is judged alone, on the code its hunks show. */
    public Report withoutTree(PatchSeries series, List<String> inputs, List<String> notes) {
        ReviewEngine engine = new ReviewEngine(spec, runner, false, jobs, Phases.NONE);
        List<PatchReport> reports = new ArrayList<>();
        for (Patch patch : series.patches()) {
            Map<String, String> before = PatchFragments.of(patch, false);
            Map<String, String> after = PatchFragments.of(patch, true);
            List<FileFacts> baseFacts = new ArrayList<>();
            before.forEach((path, text) -> baseFacts.add(StructureParser.parse(path, text)));
            Map<String, Optional<String>> beforeMap = new LinkedHashMap<>();
            Map<String, Optional<String>> afterMap = new LinkedHashMap<>();
            before.forEach((p, t) -> beforeMap.put(p, Optional.of(t)));
            before.keySet().forEach(p -> afterMap.put(p, Optional.empty()));
            after.forEach((p, t) -> afterMap.put(p, Optional.of(t)));
            AppliedPatch ap = new AppliedPatch(patch, beforeMap, afterMap, Map.of(), Map.of(), List.of());
            reports.addAll(engine.review(baseFacts, List.of(ap), inputs, notes).patches());
        }
        return new Report("review", inputs, runner.rules().stream().map(r -> r.metadata()).toList(), List.of(),
            reports, List.of(), notes);
    }

    /**
     * The tree a series from the mailing list applies onto: the base-commit its mail names when
     * this repository has it, else HEAD, with a note either way (a series based on a tree not
     * fetched here falls back as b4 does). {@code unknownBaseAdvice} is what the note on a
     * base-commit not here advises, in the options of the command that reads it.
     */
    public static GitSnapshot mailBase(GitRepo repo, PatchSeries series, List<String> notes,
                                       String unknownBaseAdvice) {
        if (series.baseCommit().isPresent()) {
            String base = series.baseCommit().get();
            try {
                GitSnapshot snapshot = new GitSnapshot(repo, base);
                notes.add("applying onto base-commit " + base);
                return snapshot;
            } catch (InputException unknown) {
                notes.add("the mail's base-commit " + base + " is not in this repository; applying onto HEAD ("
                    + unknownBaseAdvice + ")");
            }
        }
        return new GitSnapshot(repo, "HEAD");
    }

    /** The note a --no-tree report carries. */
    public static String noTreeNote() {
        return "reviewed without the tree (--no-tree): findings rest on what the patches show and carry low "
            + "confidence";
    }

    /** The note of a report made without the tree where no option asked for it (b4-check). */
    public static String withoutTreeNote() {
        return "reviewed without the tree: findings rest on what the patch shows and carry low confidence";
    }

    /** The base of a first commit: nothing. */
    public static TreeSnapshot emptyTree() {
        return new EmptySnapshot();
    }

    private static final class EmptySnapshot implements TreeSnapshot {
        @Override
        public List<String> sourcePaths() {
            return List.of();
        }

        @Override
        public Optional<String> read(String path) {
            return Optional.empty();
        }

        @Override
        public Optional<String> blobId(String path) {
            return Optional.empty();
        }

        @Override
        public String describe() {
            return "the empty tree";
        }
    }
}
