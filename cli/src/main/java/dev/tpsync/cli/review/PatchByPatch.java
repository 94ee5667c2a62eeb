package dev.tpsync.cli.review;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.model.ChangedDefinitions;
import dev.tpsync.model.ContextSlice;
import dev.tpsync.model.ContextSpec;
import dev.tpsync.model.ContextSummary;
import dev.tpsync.model.Definitions;
import dev.tpsync.model.IncrementalModel;
import dev.tpsync.patch.AppliedPatch;
import dev.tpsync.report.PatchReport;
import dev.tpsync.report.Report;
import dev.tpsync.review.BaseSleeping;
import dev.tpsync.review.ReviewEngine;
import dev.tpsync.source.SourceTree;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A series judged patch by patch on the short ways, each patch on the summary and slice of the
 * tree the patch before leaves, carried in memory: what a review of a git range or of a series
 * from a mailing list does when its base tree's summary and slice are kept, instead of loading
 * the whole tree (~5.5 s for five one-file commits on 6.1, warm). Each patch is judged as a
 * staged change to its tree would be: only moving code ({@link ReviewEngine#layoutOnly}),
 * changing code no context reaches ({@link ReviewEngine#fromSummary}), or on the slice
 * ({@link ReviewEngine#fromSlice}), widened by the definitions of what reached code calls beyond
 * it as a hook run widens it, from the base tree's definitions with the files the patches before
 * touched as they left them ({@link ChangedDefinitions}).
 *
 * <p>A series judged whole searches every tree after a patch with its base tree's sleepers as
 * boundaries; so is each patch here, on the summary of the tree before it as such a search finds
 * it: where an earlier patch made a function start or stop sleeping, the search takes the base's
 * word on it ({@link SleeperDrift}, {@link BaseSleeping}). Gives up, and the series is judged
 * whole, at the first patch no short way judges (a rename, say).
 */
final class PatchByPatch {

    private final ReviewEngine engine;
    private final ContextSpec spec;
    private final SeriesReview.TreeDefinitions base;

    /** {@code base}: the definitions of the series' base tree, read only if a patch needs a wider slice. */
    PatchByPatch(ReviewEngine engine, ContextSpec spec, SeriesReview.TreeDefinitions base) {
        this.engine = engine;
        this.spec = spec;
        this.base = base;
    }

    /**
     * Where the series stands before a patch: its tree's summary (as the series searches it)
     * and slice, and the model of that slice the patch before left (with the files it touched
     * whole), when it left one.
     */
    private record Link(ContextSummary summary, ContextSlice slice, Optional<IncrementalModel> model) {
    }

    /** A patch's report, and where it leaves the series. */
    private record Step(PatchReport report, Link next) {
    }

    /**
     * The report on {@code applied} (two patches or more, applied in order onto the base tree),
     * {@code summary} and {@code slice} being the base tree's; {@code sliceModels} makes the
     * model a patch is judged on from the slice it is judged on (through the cache's slice
     * models), unless the patch before left it. Empty when a patch needs the whole tree.
     */
    Optional<Report> review(List<AppliedPatch> applied, ContextSummary summary, ContextSlice slice,
                            BiFunction<ContextSlice, AppliedPatch, ReviewEngine.SliceModel> sliceModels,
                            List<String> inputs, List<String> notes) {
        Link link = new Link(summary, slice, Optional.empty());
        List<PatchReport> reports = new ArrayList<>();
        SleeperDrift drift = new SleeperDrift();
        for (int k = 0; k < applied.size(); k++) {
            AppliedPatch ap = applied.get(k);
            Optional<Map<String, ReviewEngine.Sleepers>> sleepers = engine.directSleepers(ap);
            if (sleepers.isEmpty()) {
                return Optional.empty();
            }
            Optional<Step> step = judge(ap, applied.subList(0, k), link, sliceModels, drift.baseSleeping(), inputs,
                notes);
            if (step.isEmpty()) {
                return Optional.empty();
            }
            drift.after(sleepers.get());
            reports.add(step.get().report());
            link = step.get().next();
        }
        return Optional.of(engine.seriesReport(inputs, reports, notes));
    }

    /** {@code ap} judged on {@code link} (the tree {@code earlier} leave) by the cheapest short way that judges it. */
    private Optional<Step> judge(AppliedPatch ap, List<AppliedPatch> earlier, Link link,
                                 BiFunction<ContextSlice, AppliedPatch, ReviewEngine.SliceModel> sliceModels,
                                 BaseSleeping baseSleeping, List<String> inputs, List<String> notes) {
        List<AppliedPatch> one = List.of(ap);
        Optional<Report> moved = engine.layoutOnly(one, inputs, notes);
        if (moved.isPresent()) {
            Link next = new Link(engine.afterMoves(one, link.summary()), SeriesReview.carriedSlice(engine, link.slice(),
                one), Optional.empty());
            return Optional.of(new Step(only(moved.get()), next));
        }
        Optional<ReviewEngine.SummaryReview> unreached = engine.fromSummary(one, link.summary(),
            Optional.of(link.slice()), inputs, notes);
        if (unreached.isPresent()) {
            Link next = new Link(unreached.get().after(), SeriesReview.carriedSlice(engine, link.slice(), one),
                Optional.empty());
            return Optional.of(new Step(only(unreached.get().report()), next));
        }
        return onSlices(ap, earlier, link, sliceModels, baseSleeping, inputs, notes);
    }

    /**
     * {@code ap} judged on the slice {@code link} holds, or on one widened by the definitions of
     * what its reached code calls beyond it, as a staged change is (the names the touched files
     * show first, then those a review on the slice names, {@link SeriesReview#WIDENINGS} times
     * at most), from the definitions of the tree {@code earlier} leave.
     */
    private Optional<Step> onSlices(AppliedPatch ap, List<AppliedPatch> earlier, Link link,
                                    BiFunction<ContextSlice, AppliedPatch, ReviewEngine.SliceModel> sliceModels,
                                    BaseSleeping baseSleeping, List<String> inputs, List<String> notes) {
        List<AppliedPatch> one = List.of(ap);
        Map<String, String> newBlobIds = SeriesReview.touchedBlobIds(one);
        AtomicReference<Set<String>> beyond = new AtomicReference<>(Set.of());
        Set<String> names = engine.callsBeyondForeseen(one, link.summary(), link.slice());
        ContextSlice on = link.slice();
        Optional<ReviewEngine.SliceReview> reached;
        int widenings = 0;
        while (true) {
            if (!names.isEmpty()) {
                widenings++;
                Optional<ContextSlice> wider = on.withDefinitionsOf(names, definitionsAfter(earlier), spec,
                    blobIdsAfter(earlier));
                if (wider.isEmpty()) {
                    return Optional.empty();
                }
                on = wider.get();
            }
            ReviewEngine.SliceModel model = on == link.slice()
                ? carried(link.model(), sliceModels.apply(on, ap)) : sliceModels.apply(on, ap);
            reached = engine.fromSlice(one, link.summary(), on, model, path -> Optional.ofNullable(newBlobIds.get(path)),
                inputs, notes, beyond::set, baseSleeping);
            names = beyond.getAndSet(Set.of());
            if (reached.isPresent() || names.isEmpty() || widenings == SeriesReview.WIDENINGS) {
                break;
            }
        }
        if (reached.isEmpty() || reached.get().sliceAfter().isEmpty()) {
            return Optional.empty();
        }
        // The next patch is judged on the tree as the series searches it: with the base's
        // sleepers (the same as the tree's own unless a patch made reached code sleep).
        ReviewEngine.SliceReview done = reached.get();
        if (on == link.slice()) {
            return Optional.of(new Step(only(done.report()), new Link(done.searchedSummary(),
                done.sliceAfter().get(), done.modelAfter())));
        }
        // After a wider slice the slice is made anew, as a hook run leaves it: the patches after
        // need none of the definitions this one did not reach.
        Optional<ContextSlice> slicedAfter = done.sliceAfter().get().slicedAnew(done.searchedAfter(),
            Optional.of(searchedWith(ap, baseSleeping)));
        return slicedAfter.map(after -> new Step(only(done.report()), new Link(done.searchedSummary(), after,
            Optional.empty())));
    }

    /**
     * What decided, beyond the content of the slice a patch was judged on, which sleeping
     * functions the search of the tree after it took for boundaries: the base's word on the
     * drifted ones, and the sleepers of the touched files before the patch (their blob ids).
     */
    private static List<String> searchedWith(AppliedPatch ap, BaseSleeping baseSleeping) {
        List<String> out = new ArrayList<>(baseSleeping.describe());
        out.add("before the patch");
        new TreeMap<>(SeriesReview.baseBlobIds(List.of(ap))).forEach((path, blob) -> {
            out.add(path);
            out.add(blob);
        });
        return out;
    }

    /**
     * The definitions of the tree {@code earlier} (the patches before one) leave: the base
     * tree's (read the first time a patch is widened), with the files they touched as they left them.
     */
    private Definitions definitionsAfter(List<AppliedPatch> earlier) {
        if (earlier.isEmpty()) {
            return base.definitions();
        }
        Map<String, Optional<FileFacts>> changed = new HashMap<>();
        earlier.forEach(p -> p.touchedPaths().stream().filter(SourceTree::isSource)
            .forEach(path -> changed.put(path, Optional.empty())));
        engine.touchedFacts(earlier).forEach(f -> changed.put(f.path(), Optional.of(f)));
        return new ChangedDefinitions(base.definitions(), changed);
    }

    /** The blob ids of the tree {@code earlier} leave: theirs for the files they touched, else the base tree's. */
    private Function<String, Optional<String>> blobIdsAfter(List<AppliedPatch> earlier) {
        Map<String, String> touched = SeriesReview.touchedBlobIds(earlier);
        Set<String> paths = new HashSet<>();
        earlier.forEach(p -> paths.addAll(p.touchedPaths()));
        return path -> paths.contains(path) ? Optional.ofNullable(touched.get(path)) : base.blobId(path);
    }

    /**
     * The model the patch before left, when it is of these very facts (a patch to the files the
     * one before touched, whose texts it left); otherwise the slice's ({@code ofSlice}): a model
     * answers lookups by the identity of the definitions it was made from.
     */
    private static ReviewEngine.SliceModel carried(Optional<IncrementalModel> left, ReviewEngine.SliceModel ofSlice) {
        return (files, whole) -> left.filter(m -> sameInstances(m.model().files(), files))
            .orElseGet(() -> ofSlice.of(files, whole));
    }

    private static boolean sameInstances(List<FileFacts> a, List<FileFacts> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    /** The report on one patch of a one-patch review. */
    private static PatchReport only(Report report) {
        if (report.patches().size() != 1) {
            throw new IllegalStateException("a one-patch review reported " + report.patches().size() + " patches");
        }
        return report.patches().get(0);
    }
}
