package dev.tpsync.cli.options;

import dev.tpsync.cli.config.RunSetup;
import dev.tpsync.cli.format.OutputTarget;
import dev.tpsync.report.Report;
import dev.tpsync.rules.spi.Finding;
import dev.tpsync.rules.triage.FindingFilter;
import dev.tpsync.rules.triage.Baseline;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Configuration, plugins, baseline and suppressions for commands that report findings
 * (scan, and review). The work is done by {@link RunSetup}; this only carries the options.
 */
public final class ConfigOptions {

    @Mixin
    RuleSourceOptions sources = new RuleSourceOptions();

    @Option(names = "--baseline", paramLabel = "FILE",
        description = "hide findings recorded in this baseline (see --write-baseline)")
    Path baseline;

    @Option(names = "--write-baseline", paramLabel = "FILE",
        description = "record the current findings as accepted in FILE, then report as if it were the baseline")
    Path writeBaseline;

    @Option(names = "--show-suppressed",
        description = "list findings hidden by comments, config ignores or the baseline (text format)")
    boolean showSuppressed;

    public RunSetup setup(Path treeRoot, RuleOptions rules) {
        return RunSetup.prepare(new RunSetup.Request(treeRoot, sources.config(), sources.plugins(), rules.only(),
            rules.disabled(), Optional.ofNullable(baseline)));
    }

    public boolean showSuppressed() {
        return showSuppressed;
    }

    public Optional<Path> writeBaseline() {
        return Optional.ofNullable(writeBaseline);
    }

    /**
     * Applies suppressions, config ignores and the baseline to a report. With --write-baseline
     * the new baseline records what comments and ignores do not already hide, and is then applied.
     */
    public Report triage(Report raw, FindingFilter filter, PrintWriter err, boolean quiet) {
        FindingFilter applied = filter;
        if (writeBaseline != null) {
            Report unbaselined = filter.withBaseline(Optional.empty()).applyTo(raw);
            applied = filter.withBaseline(writeBaselineIfAsked(unbaselined.reportable(), err, quiet));
        }
        return applied.applyTo(raw);
    }

    /** Writes the baseline of {@code findings} when --write-baseline was given; says so unless quiet. */
    public Optional<Baseline> writeBaselineIfAsked(List<Finding> findings, PrintWriter err, boolean quiet) {
        if (writeBaseline == null) {
            return Optional.empty();
        }
        Baseline b = Baseline.of(findings);
        try {
            OutputTarget.file(writeBaseline, "--write-baseline").write(out -> out.write(b.text()));
        } catch (IOException e) {
            // Only stdout's writer throws this; a file's failures are input errors naming it.
            throw new UncheckedIOException(e);
        }
        if (!quiet) {
            err.println("tpsync: wrote " + findings.size() + " finding" + (findings.size() == 1 ? "" : "s")
                + " to baseline " + writeBaseline);
            err.flush();
        }
        return Optional.of(b);
    }
}
