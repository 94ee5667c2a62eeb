package dev.tpsync.cli.review;

import static dev.tpsync.cli.review.ReviewFixtures.git;
import static dev.tpsync.cli.review.ReviewFixtures.patchFiles;
import static dev.tpsync.cli.review.ReviewFixtures.repoWithTree;
import static dev.tpsync.cli.review.ReviewFixtures.root;
import static dev.tpsync.cli.review.ReviewFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every series under testdata/review/series applied after every other that still applies on
 * top of it, and chains of them, as one range on the fixture tree whose summary a warm-up kept:
 * the review through the cache (patch by patch where it can, the whole tree where it gives up)
 * must give the report the whole-tree review gives (--no-cache), byte for byte. The pairs mix
 * every short way with every way of giving up: registrations, renames, a revert, a sleeping
 * call in NMI; the chains (10 of them, up to 12 patches) keep a function drifted over many.
 */
class ReviewPatchByPatchPairsTest {

    @TempDir
    static Path tmp;

    private static Path repo;
    private static String base;

    @BeforeAll
    static void warmedRepository() throws IOException {
        repo = tmp.resolve("repo");
        base = repoWithTree(repo);
        ReviewFixtures.Run warmed = run("hook", "warm", "-C", repo.toString());
        assertThat(warmed.exit()).as(warmed.err()).isZero();
    }

    private static List<Path> seriesDirs() throws IOException {
        try (Stream<Path> dirs = Files.list(root().resolve("series"))) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        }
    }

    @Test
    void everyPairOfSeriesThatAppliesGivesTheWholeTreesReport() throws IOException {
        int pairs = 0;
        int patchByPatch = 0;
        List<String> differing = new ArrayList<>();
        for (Path first : seriesDirs()) {
            for (Path second : seriesDirs()) {
                if (first.equals(second) || !applies(first, second)) {
                    continue;
                }
                pairs++;
                String name = first.getFileName() + " then " + second.getFileName();
                Outcome outcome = reviewed(name);
                if (!outcome.same()) {
                    differing.add(name);
                }
                if (outcome.patchByPatch()) {
                    patchByPatch++;
                }
            }
        }
        assertThat(differing).as("pairs whose cached report differs from --no-cache").isEmpty();
        // 108 pairs apply, 89 of them judged patch by patch: three of the series on a wider
        // slice (a sleeping call in NMI, an SRCU read side, an NMI handler that changes a
        // context), and after the sleeping call in NMI the second patch's searches take the
        // base's word on the function it made sleep (BaseSleeping). The 19 others hold the
        // rename, which no short way judges even alone: those load the tree.
        assertThat(pairs).isGreaterThanOrEqualTo(100);
        assertThat(patchByPatch).as("of %d pairs, judged patch by patch", pairs).isGreaterThanOrEqualTo(85);
    }

    /**
     * Longer series: from each series, every other in name order that still applies on top, as
     * one range (up to a dozen patches), so that a sleeping call an early patch adds stays
     * drifted over every later one, and wider slices and carried models follow one another.
     * Without the rename, which no short way judges (the pairs hold it): each chain would go
     * the long way from it on.
     */
    @Test
    void everyChainOfSeriesThatApplyGivesTheWholeTreesReport() throws IOException {
        List<String> differing = new ArrayList<>();
        int chains = 0;
        int patchByPatch = 0;
        int longest = 0;
        List<Path> dirs = seriesDirs().stream().filter(d -> !d.getFileName().toString().equals("rename")).toList();
        for (Path first : dirs) {
            git(repo, "reset", "-q", "--hard", base);
            if (!applies(first)) {
                continue;
            }
            List<String> applied = new ArrayList<>(List.of(first.getFileName().toString()));
            for (Path next : dirs) {
                if (!next.equals(first) && applies(next)) {
                    applied.add(next.getFileName().toString());
                }
            }
            chains++;
            String name = String.join(" then ", applied);
            longest = Math.max(longest, Integer.parseInt(git(repo, "rev-list", "--count", base + "..HEAD").strip()));
            Outcome outcome = reviewed(name);
            if (!outcome.same()) {
                differing.add(name);
            }
            if (outcome.patchByPatch()) {
                patchByPatch++;
            }
        }
        assertThat(differing).as("chains whose cached report differs from --no-cache").isEmpty();
        assertThat(longest).as("the longest chain's patches").isGreaterThanOrEqualTo(10);
        assertThat(patchByPatch).as("of %d chains, judged patch by patch", chains).isEqualTo(chains);
    }

    /** Applies one series onto HEAD with git am; false, and HEAD as it was, when it does not apply. */
    private static boolean applies(Path dir) throws IOException {
        List<String> am = new ArrayList<>(List.of("am", "-q", "--keep-cr"));
        patchFiles(dir).forEach(p -> am.add(p.toString()));
        try {
            git(repo, am.toArray(String[]::new));
            return true;
        } catch (IOException doesNotApply) {
            git(repo, "am", "--abort");
            return false;
        }
    }

    /**
     * Whether the review of {@code base..HEAD} through the cache gave the --no-cache report byte
     * for byte, and was judged patch by patch (the whole tree's facts not read).
     */
    private record Outcome(boolean same, boolean patchByPatch) {
    }

    /** The range {@code base..HEAD} ({@code name}) reviewed through the cache and with --no-cache. */
    private static Outcome reviewed(String name) {
        ReviewFixtures.Run cached = run("review", base + "..HEAD", "-C", repo.toString(), "--format", "json", "-v");
        ReviewFixtures.Run whole = run("review", base + "..HEAD", "-C", repo.toString(), "--format", "json",
            "--no-cache");
        assertThat(cached.exit()).as(name).isEqualTo(whole.exit());
        return new Outcome(cached.out().equals(whole.out()), !cached.err().contains("tpsync: facts"));
    }

    /** Resets the repository to the base and applies both series with git am; false when one does not apply. */
    private static boolean applies(Path first, Path second) throws IOException {
        git(repo, "reset", "-q", "--hard", base);
        return applies(first) && applies(second);
    }
}
