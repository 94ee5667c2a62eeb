package dev.tpsync.cli.commands;

import dev.tpsync.cli.ExitCodes;
import dev.tpsync.rules.builtin.BuiltinRules;
import dev.tpsync.rules.engine.RuleSet;
import dev.tpsync.rules.spi.Rule;
import dev.tpsync.rules.spi.RuleMetadata;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tpsync rules}: list the rules with severity, confidence, origin and summary. */
@Command(name = "rules", description = "List the available rules.", mixinStandardHelpOptions = true,
    footer = {"%nExample:", "  tpsync rules", ExitCodes.HELP_SECTION})
public final class RulesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (Rule r : new RuleSet(BuiltinRules.all()).all()) {
            RuleMetadata m = r.metadata();
            out.printf("%-28s %-8s %-9s %-10s %s%n", m.id(), m.defaultSeverity().label(), m.confidence().label(),
                m.origin(), m.summary());
        }
        out.flush();
        return ExitCodes.OK;
    }
}
