package dev.tpsync.cli.commands;

import dev.tpsync.cli.ExitCodes;
import dev.tpsync.cli.config.RunSetup;
import dev.tpsync.cli.options.RuleSourceOptions;
import dev.tpsync.rules.spi.Rule;
import dev.tpsync.rules.spi.RuleMetadata;
import dev.tpsync.rules.spi.Severity;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tpsync rules}: list the rules with severity, confidence, origin and summary: the
 * built-ins, and plugin rules from --plugin and the config, with the config's severities.
 */
@Command(name = "rules", description = "List the available rules: built-in, and plugins from --plugin and the config.",
    mixinStandardHelpOptions = true,
    footer = {"%nExamples:", "  tpsync rules",
        "  tpsync rules --plugin examples/plugins/no-gfp-kernel-in-nmi.yaml --plugin examples/plugins/RcuInIdleRule.java",
        ExitCodes.HELP_SECTION})
public final class RulesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RuleSourceOptions sources;

    @Option(names = "--tree", paramLabel = "DIR", defaultValue = ".",
        description = "tree whose .tpsync.yaml to read (default: the current directory)")
    Path tree;

    @Override
    public Integer call() {
        RunSetup setup = sources.rulesOnly(tree);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-28s %-8s %-10s %-30s %s%n", "ID", "SEVERITY", "CONFIDENCE", "ORIGIN", "SUMMARY");
        for (Rule r : setup.ruleSet().all()) {
            RuleMetadata m = r.metadata();
            Severity severity = setup.severities().getOrDefault(m.id(), m.defaultSeverity());
            String state = setup.isSelected(m.id()) ? "" : " (disabled by config)";
            out.printf("%-28s %-8s %-10s %-30s %s%s%n", m.id(), severity.label(), m.confidence().label(),
                m.origin(), m.summary(), state);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
