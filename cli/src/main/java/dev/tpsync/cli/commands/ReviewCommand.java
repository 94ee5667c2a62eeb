package dev.tpsync.cli.commands;

import dev.tpsync.cache.FactCache;
import dev.tpsync.cli.ExitCodes;
import dev.tpsync.cli.config.RunSetup;
import dev.tpsync.cli.options.PhaseTimer;
import dev.tpsync.cli.options.AnalysisOptions;
import dev.tpsync.cli.review.AppliedReview;
import dev.tpsync.cli.review.HeadCatchUp;
import dev.tpsync.cli.review.PatchesInput;
import dev.tpsync.cli.review.SeriesReview;
import dev.tpsync.cli.options.ConfigOptions;
import dev.tpsync.cli.options.OutputOptions;
import dev.tpsync.cli.options.RuleOptions;
import dev.tpsync.input.InputException;
import dev.tpsync.patch.GitRepo;
import dev.tpsync.patch.NotARepository;
import dev.tpsync.patch.GitSnapshot;
import dev.tpsync.patch.Patch;
import dev.tpsync.patch.PatchDoesNotApply;
import dev.tpsync.patch.PatchSeries;
import dev.tpsync.patch.SeriesApplier;
import dev.tpsync.report.Report;
import dev.tpsync.review.PatchFragments;
import dev.tpsync.rules.engine.RuleRunner;
import dev.tpsync.rules.triage.FindingFilter;
import dev.tpsync.rules.triage.Suppressions;
import dev.tpsync.source.DirectorySnapshot;
import dev.tpsync.source.SourceTree;
import dev.tpsync.source.TreeSnapshot;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tpsync review}: review what each patch of a series introduces and resolves. */
@Command(name = "review",
    description = {"Review a patch series: findings each patch introduces, and those it resolves.",
        "Input: commits of a git range (default @{u}..HEAD), format-patch files or an mbox (--patches),",
        "or the staged index (--staged)."},
    mixinStandardHelpOptions = true,
    footer = {"%nExamples:",
        "  tpsync review origin/master..HEAD",
        "  tpsync review --patches ./v3-0001-*.patch --base v6.1",
        "  b4 am -o - <msgid> | tpsync review --patches - --no-tree",
        "  tpsync review --staged                     (what the pre-commit hook runs)",
        ExitCodes.HELP_SECTION})
public final class ReviewCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "RANGE", description = "git range A..B (default @{u}..HEAD)")
    String range;

    @Option(names = "--patches", paramLabel = "FILE|DIR|-", arity = "1..*",
        description = "format-patch files (a directory, or the files: v3-*.patch), an mbox, a unified diff, "
            + "or - for stdin")
    List<String> patches;

    @Option(names = "--staged", description = "review the index against HEAD (pre-commit)")
    boolean staged;

    @Option(names = "--tree", paramLabel = "DIR", description = "apply --patches onto this source tree")
    Path tree;

    @Option(names = "--base", paramLabel = "REV", description = "apply --patches onto this revision of the repository")
    String base;

    @Option(names = "--no-tree", description = "judge the patch by what it shows, without its tree (lower confidence)")
    boolean noTree;

    @Option(names = {"-C", "--repo"}, paramLabel = "DIR", description = "the git repository (default: .)")
    Path repoDir;

    @Option(names = "--git-dir", paramLabel = "DIR", description = "a git directory (e.g. a bare repository)")
    Path gitDir;

    // Mixins made here, not by picocli (which takes an instance a field already holds): the
    // pre-commit hook's run makes this command without picocli (ofStagedIndex).
    @Mixin
    OutputOptions output = new OutputOptions();

    @Mixin
    RuleOptions ruleOptions = new RuleOptions();

    @Mixin
    AnalysisOptions analysis = new AnalysisOptions();

    @Mixin
    ConfigOptions config = new ConfigOptions();

    /** Where stdin comes from; tests and b4-check replace it. */
    InputStream stdin = System.in;

    /** Where the report and messages go when picocli did not make this command (ofStagedIndex). */
    private PrintWriter out;
    private PrintWriter err;

    /**
     * The command picocli makes of {@code review --staged -C repo} (of {@code review --staged}
     * when {@code repo} is empty), made without picocli's model of it: every other option holds
     * its field's initial value, which is the default picocli gives it. What the pre-commit hook
     * runs (HookCommandLine); HookCommandLineTest holds the two to the same options.
     */
    public static ReviewCommand ofStagedIndex(Optional<Path> repo, PrintWriter out, PrintWriter err) {
        ReviewCommand command = new ReviewCommand();
        command.staged = true;
        command.repoDir = repo.orElse(null);
        command.out = out;
        command.err = err;
        return command;
    }

    private PrintWriter out() {
        return out != null ? out : spec.commandLine().getOut();
    }

    private PrintWriter err() {
        return err != null ? err : spec.commandLine().getErr();
    }

    /** The repository of this run, opened once (the config root and the review share it). */
    private GitRepo repo;

    @Override
    public Integer call() throws Exception {
        try {
            return reviewAndEmit();
        } finally {
            if (repo != null) {
                repo.close();
                repo = null;
            }
        }
    }

    private Integer reviewAndEmit() throws Exception {
        output.validate(config.writeBaseline());
        checkOptions();
        setup = config.setup(configRoot(), ruleOptions);
        RuleRunner runner = setup.runner();
        AppliedReview reviewed = noTree ? reviewWithoutTree(runner) : reviewWithTree(runner);
        Report raw = reviewed.report().reportedOn(setup.reportOn()).withNotes(setup.notes());
        FindingFilter filter = setup.findingFilter(Suppressions.fromFiles(reviewed.finalFiles()));
        Report report = config.triage(raw, filter, err(), analysis.quiet());
        return output.emit(report, out(), config.showSuppressed());
    }

    private RunSetup setup;

    /** Where .tpsync.yaml is looked for: the --tree, or the repository's top directory. */
    private Path configRoot() {
        if (tree != null) {
            return tree;
        }
        if (noTree) {
            return Path.of(".");
        }
        try {
            return repo().workTreeOrGitDir();
        } catch (InputException e) {
            return Path.of(".");
        }
    }

    private void checkOptions() {
        int inputs = (range != null ? 1 : 0) + (patches != null ? 1 : 0) + (staged ? 1 : 0);
        if (inputs > 1) {
            throw new InputException("give one input: a RANGE, --patches or --staged");
        }
        if ((tree != null || base != null || noTree) && patches == null) {
            throw new InputException("--tree, --base and --no-tree go with --patches");
        }
        if ((tree != null ? 1 : 0) + (base != null ? 1 : 0) + (noTree ? 1 : 0) > 1) {
            throw new InputException("choose one of --tree, --base and --no-tree");
        }
    }

    /** -v phase timings: reading the series, the base snapshot, applying, then the review's own. */
    private PhaseTimer timer() {
        if (timer == null) {
            timer = new PhaseTimer(err(), analysis.verbose());
        }
        return timer;
    }

    private PhaseTimer timer;

    private AppliedReview reviewWithTree(RuleRunner runner) {
        List<String> notes = new ArrayList<>();
        List<String> inputs = new ArrayList<>();
        if (patches != null && tree != null) {
            PatchSeries series = readPatches(inputs);
            SourceTree sourceTree = SourceTree.open(tree);
            TreeSnapshot snapshot = new DirectorySnapshot(sourceTree);
            inputs.add(snapshot.describe());
            return run(review(runner, () -> analysis.cache(sourceTree)), snapshot, series, inputs, notes,
                Optional::empty);
        }
        GitRepo repo = repo();
        PatchSeries series;
        Optional<String> baseRev;
        if (staged) {
            return reviewStaged(runner, repo, inputs, notes);
        } else if (patches != null) {
            series = readPatches(inputs);
            baseRev = Optional.of(base != null ? base : series.baseCommit().orElse("HEAD"));
            if (series.patches().isEmpty()) {
                notes.add("no commits to review");
            }
        } else {
            // A range's base is its first commit's parent; none for a root commit (the empty tree).
            series = timer().time("range", () -> range != null ? repo.range(range) : repo.defaultRange());
            baseRev = series.patches().isEmpty() ? Optional.of("HEAD") : series.baseCommit();
            inputs.add(range != null ? range : "@{u}..HEAD");
        }
        List<String> rangeInputs = List.copyOf(inputs);
        List<String> rangeNotes = List.copyOf(notes);
        notes.addAll(series.notes());
        TreeSnapshot snapshot = baseRev.isEmpty() ? SeriesReview.emptyTree()
            : timer().time("snapshot", () -> baseSnapshot(repo, baseRev.get(), series, notes));
        inputs.add("base " + snapshot.describe());
        try {
            return run(review(runner, cacheOf(repo)), snapshot, series, inputs, notes, Optional::empty);
        } catch (PatchDoesNotApply e) {
            List<PatchSeries> lines = patches == null ? repo.linesOf(series) : List.of();
            if (lines.size() > 1) {
                // Applied in one line, a branch's commits came after the other branch's, which
                // changed the same lines first: each line goes onto its own base instead.
                List<String> lineNotes = new ArrayList<>(rangeNotes);
                lineNotes.addAll(series.notes());
                return reviewLines(runner, repo, lines, new ArrayList<>(rangeInputs), lineNotes);
            }
            List<String> missing = series.notes().stream().filter(n -> n.contains(" is missing from ")).toList();
            if (patches != null && !missing.isEmpty()) {
                // The likelier cause than a wrong base: the patch builds on one the input lacks.
                throw e.withAdvice(String.join("; ", missing) + ", which it may build on: add it, or try --base REV"
                    + " or --no-tree");
            }
            throw e;
        }
    }

    /**
     * A range with merges, line of descent by line (GitRepo#linesOf): each line of commits is
     * applied onto its own base, the parent git made its first commit on, so a branch is judged
     * in the tree it was written against, not after the other branch's commits (which changed
     * the same lines, or the range would have applied in one line, the faster way: one review).
     * The patches keep their places in the range.
     */
    private AppliedReview reviewLines(RuleRunner runner, GitRepo repo, List<PatchSeries> lines, List<String> inputs,
                                      List<String> notes) {
        notes.add("the range holds merges: its " + lines.size() + " lines of commits between them are each applied"
            + " onto their own first commit's parent");
        List<AppliedReview> reviewed = new ArrayList<>();
        for (PatchSeries line : lines) {
            TreeSnapshot snapshot = line.baseCommit().isEmpty() ? SeriesReview.emptyTree()
                : timer().time("snapshot", () -> new GitSnapshot(repo, line.baseCommit().get()));
            inputs.add("base " + snapshot.describe());
            reviewed.add(run(review(runner, cacheOf(repo)), snapshot, line, new ArrayList<>(inputs),
                new ArrayList<>(notes), Optional::empty));
        }
        return AppliedReview.ofLines(reviewed, inputs, notes);
    }

    /** The tree the series applies onto: --base, or for patches without it the mail's base-commit or HEAD. */
    private TreeSnapshot baseSnapshot(GitRepo repo, String rev, PatchSeries series, List<String> notes) {
        return patches != null && base == null ? SeriesReview.mailBase(repo, series, notes, "fetch it, or give --base REV")
            : new GitSnapshot(repo, rev);
    }

    /**
     * The pre-commit hook's review: the index against HEAD. The base tree's context summary is
     * read beside the index (see {@link SeriesReview#readingSummaryOf}), and the review keeps the
     * summary of the tree a commit of the index will have, for the hook on the next commit.
     */
    private AppliedReview reviewStaged(RuleRunner runner, GitRepo repo, List<String> inputs, List<String> notes) {
        // Without a summary of HEAD's tree (a commit no hook saw), it may be carried forward from
        // an ancestor's, commit by commit, before the tree is loaded.
        SeriesReview hook = review(runner, cacheOf(repo));
        SeriesReview review = hook.readingSummaryOf(repo::headTree,
            () -> timer().time("catch up", () -> new HeadCatchUp(repo, hook).run()));
        // The index first: reading it needs no object, while the summary's thread finds HEAD's
        // tree, the first object a run opens (JGit loads the pack's index then, ~20 ms on 6.1).
        Patch patch = repo.staged();
        if (patch.files().isEmpty()) {
            notes.add("nothing is staged: the index matches " + (repo.hasCommits() ? "HEAD" : "the empty tree")
                + "; 'git add' the change to review");
        }
        TreeSnapshot snapshot = !repo.hasCommits() ? SeriesReview.emptyTree()
            : timer().time("snapshot", () -> new GitSnapshot(repo, "HEAD"));
        inputs.add("staged changes");
        inputs.add("base " + snapshot.describe());
        PatchSeries series = new PatchSeries(List.of(patch), Optional.empty(), List.of());
        return run(review, snapshot, series, inputs, notes, repo::indexTree);
    }

    private Supplier<Optional<FactCache>> cacheOf(GitRepo repo) {
        Path cacheRoot = repo.workTreeOrGitDir();
        return () -> analysis.useCache() ? Optional.of(FactCache.forTree(cacheRoot)) : Optional.empty();
    }

    /** Applies {@code series} onto {@code snapshot} and reviews it; {@code result} as in SeriesReview.withTree. */
    private AppliedReview run(SeriesReview review, TreeSnapshot snapshot, PatchSeries series, List<String> inputs,
                              List<String> notes, Supplier<Optional<String>> result) {
        SeriesApplier.AppliedSeries appliedSeries = timer().time("apply",
            () -> SeriesApplier.apply(series, snapshot.files()));
        return new AppliedReview(review.withTree(snapshot, appliedSeries.patches(), inputs, notes, result),
            appliedSeries.result());
    }

    /** --no-tree: each patch is judged alone, on the code its hunks show. */
    private AppliedReview reviewWithoutTree(RuleRunner runner) {
        List<String> notes = new ArrayList<>();
        List<String> inputs = new ArrayList<>();
        PatchSeries series = readPatches(inputs);
        notes.addAll(series.notes());
        notes.add(SeriesReview.noTreeNote());
        return new AppliedReview(review(runner, Optional::empty).withoutTree(series, inputs, notes),
            PatchFragments.shownAfter(series.patches()));
    }

    private SeriesReview review(RuleRunner runner, Supplier<Optional<FactCache>> cache) {
        return new SeriesReview(runner, setup.contextSpec(), cache, analysis.jobs(), err(),
            analysis.quiet(), timer());
    }

    private PatchSeries readPatches(List<String> inputs) {
        return new PatchesInput(patches).read(stdin, inputs);
    }

    private GitRepo repo() {
        if (repo == null) {
            repo = openRepo();
        }
        return repo;
    }

    private GitRepo openRepo() {
        try {
            if (gitDir != null) {
                return GitRepo.openGitDir(gitDir);
            }
            return GitRepo.open(repoDir != null ? repoDir : Path.of("."));
        } catch (NotARepository e) {
            throw e.withAdvice(gitDir != null ? "give --git-dir a repository's git directory (its .git, or a bare"
                + " repository)" : "run tpsync inside a git work tree, or name one with -C DIR (a git directory"
                + " with --git-dir DIR)");
        }
    }
}
