package dev.tpsync.cli.hook;

import dev.tpsync.cache.FactCache;
import dev.tpsync.cache.WarmUpLock;
import dev.tpsync.cli.config.RunSetup;
import dev.tpsync.cli.options.ConfigOptions;
import dev.tpsync.cli.options.RuleOptions;
import dev.tpsync.cli.review.HeadCatchUp;
import dev.tpsync.cli.review.SeriesReview;
import dev.tpsync.input.InputException;
import dev.tpsync.patch.GitRepo;
import dev.tpsync.patch.GitSnapshot;
import dev.tpsync.rules.engine.Phases;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code tpsync hook warm}: loads HEAD's tree into the cache as the pre-commit hook's first run
 * on it would (facts, graph, context summary and slice), so that run takes the short way. With
 * the hook's own configuration and rules: the options a hook run has (HookCommandLine).
 *
 * <p>One warm-up per cache at a time (a pull that checks out starts two hooks): a second finds
 * the lock taken and leaves the work to the first. HEAD may move while a warm-up runs (a rebase
 * moves it many times): the first warms again until the HEAD it warmed is still HEAD, at most
 * {@link #MOST_ROUNDS} times.
 */
public final class CacheWarmUp {

    /** At most this many HEADs warmed in one run. */
    static final int MOST_ROUNDS = 4;

    private final int jobs;
    private final PrintWriter err;
    private final boolean quiet;
    private final Phases phases;

    public CacheWarmUp(int jobs, PrintWriter err, boolean quiet, Phases phases) {
        this.jobs = jobs;
        this.err = err;
        this.quiet = quiet;
        this.phases = phases;
    }

    /** One HEAD warmed: its tree, what was found or done, how long it took. */
    public record Round(String tree, SeriesReview.Warmth warmth, long millis) {
    }

    /**
     * What a run did: its rounds, or none when another warm-up held the lock, and the caches of
     * other tpsync versions it removed (see {@link #UNUSED}).
     */
    public record Outcome(boolean locked, List<Round> rounds, List<FactCache.OtherVersion> removed) {
        Outcome(boolean locked, List<Round> rounds) {
            this(locked, rounds, List.of());
        }
    }

    /**
     * A cache directory another tpsync version wrote is removed once no run has written to it
     * for this long: after an upgrade the old one (~1-1.5 GB in a kernel repository) is never
     * read again, and nothing else would remove it but 'tpsync cache clear --old'. Two builds
     * in use side by side each write on every commit, and keep theirs.
     */
    public static final Duration UNUSED = Duration.ofDays(14);

    /**
     * Warms HEAD of the repository at {@code dir} (the work tree's cache, where the hook's review
     * looks); nothing when it has no commit yet.
     */
    public Outcome run(Path dir) {
        FactCache cache;
        SeriesReview review;
        try (GitRepo repo = GitRepo.open(dir)) {
            long start = System.nanoTime();
            Optional<String> head = repo.headTree();
            if (head.isEmpty()) {
                return new Outcome(false, List.of());
            }
            // The configuration and rules are the work tree's, whichever HEAD a round finds.
            review = reviewOf(repo);
            // Warm already (the pre-commit hook's run keeps what the commit after it needs, and
            // post-commit asks after every commit): said without writing to the cache, not even
            // its lock, unless a damaged entry is to be removed.
            if (review.isWarm(head.get())) {
                return new Outcome(false, List.of(new Round(head.get(), SeriesReview.Warmth.ALREADY,
                    (System.nanoTime() - start) / 1_000_000)));
            }
            cache = FactCache.forTree(repo.workTreeOrGitDir());
        }
        try (WarmUpLock lock = WarmUpLock.tryTake(cache).orElse(null)) {
            if (lock == null) {
                return new Outcome(true, List.of());
            }
            List<Round> rounds = new ArrayList<>();
            Optional<String> warmed = Optional.empty();
            while (rounds.size() < MOST_ROUNDS) {
                // A repository opened afresh each round: it resolves HEAD once.
                try (GitRepo repo = GitRepo.open(dir)) {
                    Optional<String> head = repo.headTree();
                    if (head.isEmpty() || head.equals(warmed)) {
                        break;
                    }
                    rounds.add(warm(repo, review));
                    warmed = Optional.of(rounds.get(rounds.size() - 1).tree());
                }
            }
            // In the background and under the lock: the time for housekeeping.
            return new Outcome(false, rounds, cache.removeUnusedVersions(UNUSED, Instant.now()));
        } catch (IOException e) {
            throw new InputException("cannot lock " + WarmUpLock.file(cache) + " to warm the cache: " + e.getMessage()
                + "; check that the directory is writable");
        }
    }

    /** HEAD of {@code repo} warmed, without the lock (what run does under it). */
    Round warm(GitRepo repo) {
        return warm(repo, reviewOf(repo));
    }

    private static Round warm(GitRepo repo, SeriesReview review) {
        long start = System.nanoTime();
        GitSnapshot snapshot = new GitSnapshot(repo, "HEAD");
        // A commit or a few since a tree the cache keeps (a commit no hook saw): carried forward
        // from it, commit by commit, where the tree would be loaded (~0.3 s a commit against ~10 s
        // on 6.1).
        boolean carried = new HeadCatchUp(repo, review).run();
        SeriesReview.Warmth warmth = review.warm(snapshot);
        return new Round(snapshot.revisionId().orElseThrow(), carried ? SeriesReview.Warmth.CARRIED : warmth,
            (System.nanoTime() - start) / 1_000_000);
    }

    /** A review as the pre-commit hook's run makes it: the configuration of the work tree, every rule at its default. */
    private SeriesReview reviewOf(GitRepo repo) {
        Path root = repo.workTreeOrGitDir();
        RunSetup setup = new ConfigOptions().setup(root, new RuleOptions());
        return new SeriesReview(setup.runner(), setup.contextSpec(), () -> Optional.of(FactCache.forTree(root)), jobs,
            err, quiet, phases);
    }
}
