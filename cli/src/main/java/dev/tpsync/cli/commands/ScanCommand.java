package dev.tpsync.cli.commands;

import dev.tpsync.cli.ExitCodes;
import dev.tpsync.cli.config.RunSetup;
import dev.tpsync.cli.options.AnalysisOptions;
import dev.tpsync.cli.options.ConfigOptions;
import dev.tpsync.cli.options.OutputOptions;
import dev.tpsync.cli.options.RuleOptions;
import dev.tpsync.cli.options.TreeLoader;
import dev.tpsync.c.Diagnostic;
import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.input.InputException;
import dev.tpsync.model.CodeModel;
import dev.tpsync.model.Contexts;
import dev.tpsync.report.Report;
import dev.tpsync.rules.engine.RuleRunner;
import dev.tpsync.rules.engine.TreeScan;
import dev.tpsync.rules.triage.FindingFilter;
import dev.tpsync.rules.triage.Suppressions;
import dev.tpsync.source.SourceTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tpsync scan}: run the rules over a whole tree, or report on paths inside it. */
@Command(name = "scan",
    description = {"Scan a C source tree for tracepoint synchronization hazards.",
        "The whole tree is analysed (contexts need it); findings are reported for PATHs when given."},
    mixinStandardHelpOptions = true,
    footer = {"%nExamples:",
        "  tpsync scan testdata/demo",
        "  tpsync scan ~/src/linux kernel/events kernel/trace --format sarif -o tpsync.sarif",
        "  tpsync scan . --plugin rules/no-gfp-kernel-in-nmi.yaml --baseline .tpsync-baseline.json",
        ExitCodes.HELP_SECTION})
public final class ScanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", defaultValue = ".", paramLabel = "DIR",
        description = "root of the tree (default: .)")
    Path dir;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "PATH",
        description = "report only on these files or directories inside the tree")
    List<Path> paths = new ArrayList<>();

    @Mixin
    OutputOptions output;

    @Mixin
    RuleOptions ruleOptions;

    @Mixin
    AnalysisOptions analysis;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        output.validate(config.writeBaseline());
        SourceTree tree = SourceTree.open(dir);
        RunSetup setup = config.setup(tree.root(), ruleOptions);
        RuleRunner runner = setup.runner();
        Predicate<String> reportOn = reportFilter(tree).and(setup.reportOn());
        TreeLoader loader = new TreeLoader(analysis, spec.commandLine().getErr());
        CodeModel model = loader.model(tree.root(), setup.contextSpec());
        Contexts contexts = loader.timer().time("contexts", () -> Contexts.compute(model));
        List<String> inputs = new ArrayList<>();
        inputs.add(tree.root().toString());
        paths.forEach(p -> inputs.add(p.toString()));
        List<String> notes = new ArrayList<>(setup.notes());
        if (model.files().isEmpty()) {
            notes.add(noSources(tree.root()));
        }
        unreadable(model, tree.root()).ifPresent(notes::add);
        enclosingWorkTree(tree.root()).ifPresent(top -> notes.add(tree.root() + " is inside the kernel work tree " + top
            + ": the contexts are those of " + tree.root() + " alone; for " + top + "'s, run 'tpsync scan " + top + " "
            + top.relativize(tree.root()) + "'"));
        Report raw = loader.timer().time("rules",
            () -> TreeScan.scan(model, contexts, reportOn, runner, inputs, notes));
        FindingFilter filter = setup.findingFilter(Suppressions.fromDirectory(tree.root()));
        Report report = config.triage(raw, filter, spec.commandLine().getErr(), analysis.quiet());
        return output.emit(report, spec.commandLine().getOut(), config.showSuppressed());
    }

    /** The note on a tree without C: what was scanned, and what a bare repository's directory is. */
    static String noSources(Path root) {
        boolean bare = Files.isRegularFile(root.resolve("HEAD")) && Files.isDirectory(root.resolve("objects"))
            && Files.isDirectory(root.resolve("refs"));
        return "no .c or .h files found under " + root + (bare ? " (a bare git repository: scan a work tree of it)"
            : "") + ": nothing was scanned";
    }

    /**
     * A note naming the files the front end could not read whole (braces, comments, literals or
     * #if lines that do not balance: it reads on as best it can, which may lose a function and
     * the findings in it). On a kernel tree there are few: 6.1 has one, an assembler header.
     */
    static Optional<String> unreadable(CodeModel model, Path root) {
        List<FileFacts> broken = model.files().stream().filter(f -> !f.diagnostics().isEmpty()).toList();
        if (broken.isEmpty()) {
            return Optional.empty();
        }
        Diagnostic first = broken.get(0).diagnostics().get(0);
        String where = first.file() + ":" + first.line() + ": " + first.message();
        return Optional.of(broken.size() == 1
            ? where + ": the file could not be read whole as C; findings in it may be missing"
            : broken.size() + " files could not be read whole as C (the first: " + where + "); findings in them may"
                + " be missing; 'tpsync index " + root + "' lists them");
    }

    /**
     * The top of the kernel work tree {@code dir} lies inside, when {@code dir} is not that top:
     * a subdirectory of a kernel scanned alone misses every context entered elsewhere (an NMI
     * handler under arch/ reaching kernel/events/), which a reader of its report should know.
     * The nearest git work tree above counts when it is a kernel's (a top-level Kconfig): a tree
     * of its own kept in another project's repository (a test fixture) is not a part of it.
     */
    static Optional<Path> enclosingWorkTree(Path dir) {
        if (Files.exists(dir.resolve(".git"))) {
            return Optional.empty();
        }
        for (Path up = dir.getParent(); up != null; up = up.getParent()) {
            if (Files.exists(up.resolve(".git"))) {
                return Files.isRegularFile(up.resolve("Kconfig")) ? Optional.of(up) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Files under the given PATHs (relative to the tree, or to the working directory). */
    private Predicate<String> reportFilter(SourceTree tree) {
        if (paths.isEmpty()) {
            return file -> true;
        }
        List<String> prefixes = new ArrayList<>();
        for (Path p : paths) {
            // Relative to the tree first; to the working directory when only there is such a path.
            Path abs = p.isAbsolute() || (!Files.exists(tree.root().resolve(p)) && Files.exists(p)) ? p.toAbsolutePath()
                : tree.root().resolve(p);
            abs = abs.normalize();
            if (!abs.startsWith(tree.root())) {
                throw new InputException("path " + p + " is not inside the tree " + tree.root());
            }
            if (!Files.exists(abs)) {
                throw new InputException("path " + p + " does not exist in the tree " + tree.root());
            }
            String rel = tree.root().relativize(abs).toString().replace('\\', '/');
            prefixes.add(rel);
        }
        return file -> prefixes.stream().anyMatch(pre -> pre.isEmpty() || file.equals(pre)
            || file.startsWith(pre + "/"));
    }
}
