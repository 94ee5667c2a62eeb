package dev.tpsync.cli.review;

import dev.tpsync.input.InputException;
import dev.tpsync.patch.GitRepo;
import dev.tpsync.patch.GitSnapshot;
import dev.tpsync.patch.Patch;
import dev.tpsync.patch.PatchSeries;
import dev.tpsync.patch.SeriesApplier;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * HEAD's context summary and slice carried forward from an ancestor's, commit by commit: what a
 * hook run (or a warm-up) on a HEAD no run has seen does first (a commit made with
 * {@code --no-verify}, {@code git am}, a cherry-pick), instead of loading the tree (~4.5 s on
 * 6.1). Each commit since the nearest of HEAD's last {@link #MOST_COMMITS} first parents whose
 * summary the cache keeps is judged as the hook would have judged it staged, and keeps the
 * summary and slice of its tree ({@link SeriesReview#carryOver}); a commit only the long way
 * judges ends it, and the caller loads the tree as before.
 */
public final class HeadCatchUp {

    /** How far back an ancestor with a summary is looked for: each commit is a review (~0.5 s on 6.1). */
    static final int MOST_COMMITS = 8;

    private final GitRepo repo;
    /** The hook's review: what says whether a tree is summarised, and makes each commit's review. */
    private final SeriesReview review;

    public HeadCatchUp(GitRepo repo, SeriesReview review) {
        this.repo = repo;
        this.review = review;
    }

    /** Whether HEAD's summary is kept now, carried forward by this call. Best effort: a failure is a no. */
    public boolean run() {
        try {
            return carried();
        } catch (InputException | UncheckedIOException e) {
            // A commit that cannot be read or applied: the tree is loaded, as without this.
            return false;
        }
    }

    private boolean carried() {
        List<String> trees = repo.linearHistoryTrees(MOST_COMMITS + 1);
        if (trees.isEmpty() || review.isSummarised(trees.get(0))) {
            return false;
        }
        int back = 1;
        while (back < trees.size() && !review.isSummarised(trees.get(back))) {
            back++;
        }
        if (back == trees.size()) {
            return false;
        }
        List<Patch> commits = repo.range("HEAD~" + back + "..HEAD").patches();
        if (commits.size() != back) {
            return false;
        }
        for (int i = 0; i < back; i++) {
            String baseTree = trees.get(back - i);
            String tree = trees.get(back - i - 1);
            GitSnapshot base = new GitSnapshot(repo, "HEAD~" + (back - i));
            SeriesApplier.AppliedSeries applied = SeriesApplier.apply(
                new PatchSeries(List.of(commits.get(i)), Optional.empty(), List.of()), base.files());
            if (!review.readingSummaryOf(() -> Optional.of(baseTree)).carryOver(base, applied.patches(),
                () -> Optional.of(tree))) {
                return false;
            }
        }
        return true;
    }
}
