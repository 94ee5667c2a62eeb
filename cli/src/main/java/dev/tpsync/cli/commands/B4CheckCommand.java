package dev.tpsync.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tpsync.cli.ExitCodes;
import dev.tpsync.cli.format.B4CheckResult;
import dev.tpsync.cache.FactCache;
import dev.tpsync.cli.config.RunSetup;
import dev.tpsync.cli.options.AnalysisOptions;
import dev.tpsync.cli.options.ConfigOptions;
import dev.tpsync.cli.options.RuleOptions;
import dev.tpsync.cli.review.SeriesReview;
import dev.tpsync.input.InputException;
import dev.tpsync.patch.FilePatch;
import dev.tpsync.patch.FileSource;
import dev.tpsync.patch.GitRepo;
import dev.tpsync.patch.GitSnapshot;
import dev.tpsync.patch.Patch;
import dev.tpsync.patch.PatchSeries;
import dev.tpsync.patch.PatchSeriesReader;
import dev.tpsync.patch.SeriesApplier;
import dev.tpsync.report.Report;
import dev.tpsync.review.PatchFragments;
import dev.tpsync.review.UnreadableChange;
import dev.tpsync.rules.engine.Phases;
import dev.tpsync.rules.engine.RuleRunner;
import dev.tpsync.rules.triage.Suppressions;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tpsync b4-check}: b4's per-patch check. b4 runs it in the repository's top directory
 * with one patch email on stdin and reads a JSON list from stdout (DESIGN.md "Output": b4).
 * The patch is applied onto its base-commit (or HEAD) and reviewed with the tree; when it does
 * not apply it is judged alone, and the summary says so.
 */
@Command(name = "b4-check",
    description = {"b4's per-patch check: one patch email on stdin, b4's check JSON on stdout.",
        "The patch is reviewed against this repository (its base-commit, else HEAD); when it does not apply,",
        "it is judged without the tree and the summary says so. Status: fail when the patch introduces an",
        "error, warn for warnings and notes, pass otherwise. Details: compact JSON (docs/hooks.md)."},
    mixinStandardHelpOptions = true,
    footer = {"%nSetup (once per repository or in ~/.gitconfig):",
        "  git config b4.review-perpatch-check-cmd 'tpsync b4-check'",
        "%nExample:",
        "  git format-patch -1 --stdout | tpsync b4-check",
        "%nExit codes:%n"
            + "  0  the check ran and its JSON is on stdout (whatever the status)%n"
            + "  2  the input is not a patch email (message on stderr, no JSON)%n"
            + "  3  internal error (please report it, with -v output)%n"})
public final class B4CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-C", "--repo"}, paramLabel = "DIR", description = "the git repository (default: .)")
    Path repoDir;

    // tpsync has no canonical web page yet; a maintainer can point b4 at their own notes.
    @Option(names = "--url", paramLabel = "URL", defaultValue = "",
        description = "the url field of the result, e.g. a page explaining the rules (default: empty)")
    String url;

    @Mixin
    RuleOptions ruleOptions;

    @Mixin
    AnalysisOptions analysis;

    @Mixin
    ConfigOptions config;

    /** Where the email comes from; tests replace it. */
    InputStream stdin = System.in;

    /** The environment b4 runs the command in (B4_TRACKING_FILE); tests replace it. */
    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() throws IOException {
        PatchSeries series = readMail();
        Path root = topOf(repoDir != null ? repoDir : Path.of("."));
        RunSetup setup = config.setup(root, ruleOptions);
        RuleRunner runner = setup.runner();
        // b4 shows stderr to the maintainer: no progress line there.
        SeriesReview review = new SeriesReview(runner, setup.contextSpec(),
            () -> analysis.useCache() ? Optional.of(FactCache.forTree(root.toAbsolutePath().normalize()))
                : Optional.empty(),
            analysis.jobs(), spec.commandLine().getErr(), true, Phases.NONE);
        List<String> inputs = new ArrayList<>(List.of("standard input"));
        // b4 gives one patch of a series at a time: the others are not "missing".
        List<String> notes = new ArrayList<>(series.notes().stream().filter(n -> !n.contains(" is missing from "))
            .toList());
        notes.addAll(setup.notes());
        Outcome outcome = reviewWithRepository(review, series, inputs, notes);
        Report raw = outcome.report().orElseGet(() -> {
            notes.add(SeriesReview.withoutTreeNote());
            return review.withoutTree(series, inputs, notes);
        });
        // The config's scope, ignores and the baseline, and the comments of the files as the patch
        // leaves them (the hunks alone without the tree), as for review.
        FileSource after = outcome.filesAfter().orElseGet(() -> PatchFragments.shownAfter(series.patches()));
        Report report = config.triage(raw.reportedOn(setup.reportOn()),
            setup.findingFilter(Suppressions.fromFiles(after)), spec.commandLine().getErr(), true);
        PrintWriter out = spec.commandLine().getOut();
        B4CheckResult.write(report, outcome.withoutTreeBecause(), url, config.showSuppressed(), out);
        out.flush();
        return ExitCodes.OK;
    }

    /**
     * Where the config and the cache are: the top of the repository {@code dir} is in (b4 runs
     * the command there, a maintainer trying it by hand may not), else {@code dir} itself.
     */
    private static Path topOf(Path dir) {
        try (GitRepo repo = GitRepo.open(dir)) {
            return repo.workTreeOrGitDir();
        } catch (InputException notARepository) {
            return dir;
        }
    }

    /** Either the report made with the tree and the files the patch left, or why there was none. */
    private record Outcome(Optional<Report> report, Optional<FileSource> filesAfter,
                           Optional<String> withoutTreeBecause) {

        static Outcome reviewed(Report report, FileSource filesAfter) {
            return new Outcome(Optional.of(report), Optional.of(filesAfter), Optional.empty());
        }

        static Outcome withoutTree(String because) {
            return new Outcome(Optional.empty(), Optional.empty(), Optional.of(because));
        }
    }

    private PatchSeries readMail() {
        byte[] mail;
        try {
            mail = stdin.readAllBytes();
        } catch (IOException e) {
            throw new InputException("cannot read the patch email from standard input: " + e.getMessage());
        }
        if (mail.length == 0) {
            throw new InputException("standard input is empty: b4-check expects one patch email");
        }
        PatchSeries series = PatchSeriesReader.read("-", mail);
        if (series.patches().isEmpty()) {
            throw new InputException("standard input: no patch in the email");
        }
        return series;
    }

    private Outcome reviewWithRepository(SeriesReview review, PatchSeries series, List<String> inputs,
                                         List<String> notes) {
        GitRepo repo;
        try {
            repo = GitRepo.open(repoDir != null ? repoDir : Path.of("."));
        } catch (InputException e) {
            notes.add(e.problem());
            return Outcome.withoutTree("not run inside a git repository");
        }
        try (repo) {
            if (!repo.hasCommits()) {
                return Outcome.withoutTree("the repository has no commits");
            }
            // Where the patch may apply, in order: its base-commit (else HEAD), HEAD, then the
            // parent of its own commit when it is already committed (b4 review keeps a series on a
            // branch of its own, b4 shazam puts it on HEAD), with the patches before it below.
            GitSnapshot first = SeriesReview.mailBase(repo, series, notes, "fetch it");
            InputException failure;
            try {
                return reviewed(review, first, series, inputs, notes, Optional.empty());
            } catch (UnreadableChange e) {
                // It applied: another base would leave the same file.
                return Outcome.withoutTree("it " + e.leaves());
            } catch (InputException e) {
                failure = e;
            }
            if (!first.describe().equals("HEAD")) {
                try {
                    return reviewed(review, new GitSnapshot(repo, "HEAD"), series, inputs, notes,
                        Optional.of("the patch does not apply to " + first.describe() + "; applied onto HEAD"));
                } catch (InputException e) {
                    // Its own commit, below.
                }
            }
            Optional<String> own = ownCommit(repo, series);
            if (own.isPresent()) {
                try {
                    return reviewed(review, new GitSnapshot(repo, own.get() + "^"), series, inputs, notes,
                        Optional.of("the patch is commit " + own.get().substring(0, 12) + " here; judged against its"
                            + " parent"));
                } catch (InputException e) {
                    // Judged without the tree, below.
                }
            }
            notes.add(failure.problem());
            return Outcome.withoutTree("it does not apply to " + first.describe() + ": " + reason(failure));
        }
    }

    /**
     * The review of {@code series} applied onto {@code snapshot}, with {@code note} saying why
     * there; an input error when it does not apply.
     */
    private static Outcome reviewed(SeriesReview review, GitSnapshot snapshot, PatchSeries series, List<String> inputs,
                                    List<String> notes, Optional<String> note) {
        SeriesApplier.AppliedSeries applied = SeriesApplier.apply(series, snapshot.files());
        note.ifPresent(notes::add);
        inputs.add("base " + snapshot.describe());
        return Outcome.reviewed(review.withTree(snapshot, applied.patches(), inputs, notes), applied.result());
    }

    /** How far back HEAD's history is searched for the patch's own commit (a series of this many patches). */
    private static final int OWN_COMMIT_DEPTH = 64;

    /**
     * The commit the one patch of {@code series} already is, in the recent history of the b4
     * review branch its series is tracked on (b4 names the tracking data in B4_TRACKING_FILE,
     * whose change-id names the branch b4/review/ID), or of HEAD: same subject, same files.
     */
    private Optional<String> ownCommit(GitRepo repo, PatchSeries series) {
        if (series.patches().size() != 1) {
            return Optional.empty();
        }
        Patch patch = series.patches().get(0);
        java.util.Set<String> paths = new java.util.TreeSet<>();
        for (FilePatch fp : patch.files()) {
            if (!fp.oldPath().equals(FilePatch.DEV_NULL)) {
                paths.add(fp.oldPath());
            }
            if (!fp.newPath().equals(FilePatch.DEV_NULL)) {
                paths.add(fp.newPath());
            }
        }
        List<String> starts = new ArrayList<>();
        reviewBranch().ifPresent(starts::add);
        starts.add("HEAD");
        for (String start : starts) {
            Optional<String> own = repo.recentCommitOf(start, patch.subject(), paths, OWN_COMMIT_DEPTH);
            if (own.isPresent()) {
                return own;
            }
        }
        return Optional.empty();
    }

    /** refs/heads/b4/review/ID for the change-id of the series B4_TRACKING_FILE describes, when b4 gave one. */
    private Optional<String> reviewBranch() {
        String file = environment.get("B4_TRACKING_FILE");
        if (file == null || file.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode changeId = new ObjectMapper().readTree(Path.of(file).toFile()).path("series").path("change-id");
            return changeId.isTextual() && !changeId.asText().isBlank()
                ? Optional.of("refs/heads/b4/review/" + changeId.asText()) : Optional.empty();
        } catch (IOException | RuntimeException unreadable) {
            // Only a hint where to look: HEAD is searched all the same.
            return Optional.empty();
        }
    }

    /** The part of a does-not-apply message that says where, without the command-line advice. */
    private static String reason(InputException e) {
        String m = e.problem();
        int at = m.indexOf("does not apply: ");
        return at >= 0 ? m.substring(at + "does not apply: ".length()) : m;
    }
}
