package dev.tpsync.cli.commands;

import dev.tpsync.cli.ExitCodes;
import dev.tpsync.input.InputException;
import dev.tpsync.cli.options.RuleSourceOptions;
import dev.tpsync.rules.engine.RuleSet;
import dev.tpsync.rules.spi.RuleMetadata;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tpsync explain <id>}: rationale, a bad and a good example, references. */
@Command(name = "explain", description = "Explain a rule: why it exists, a bad and a good example, references.",
    mixinStandardHelpOptions = true,
    footer = {"%nExample:", "  tpsync explain lost-rcuidle", ExitCodes.HELP_SECTION})
public final class ExplainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RuleSourceOptions sources;

    @Parameters(index = "0", paramLabel = "RULE", description = "rule id, as listed by 'tpsync rules'")
    String id;

    @Override
    public Integer call() {
        RuleSet rules = sources.rulesOnly(Path.of(".")).ruleSet();
        RuleMetadata m = rules.byId(id).orElseThrow(() -> new InputException("unknown rule '" + id
            + "'; 'tpsync rules' lists them")).metadata();
        PrintWriter out = spec.commandLine().getOut();
        out.println(m.id() + " (" + m.defaultSeverity().label() + ", confidence " + m.confidence().label() + ", "
            + m.origin() + ")");
        out.println();
        out.println(m.summary());
        out.println();
        out.println(wrap(m.rationale(), 80));
        out.println();
        out.println("Bad:");
        m.badExample().lines().forEach(l -> out.println("    " + l));
        out.println();
        out.println("Good:");
        m.goodExample().lines().forEach(l -> out.println("    " + l));
        if (!m.references().isEmpty()) {
            out.println();
            out.println("References:");
            m.references().forEach(r -> out.println("  - " + r));
        }
        out.flush();
        return ExitCodes.OK;
    }

    static String wrap(String text, int width) {
        StringBuilder out = new StringBuilder();
        int col = 0;
        for (String word : text.split(" ")) {
            if (col > 0 && col + 1 + word.length() > width) {
                out.append('\n');
                col = 0;
            } else if (col > 0) {
                out.append(' ');
                col++;
            }
            out.append(word);
            col += word.length();
        }
        return out.toString();
    }
}
