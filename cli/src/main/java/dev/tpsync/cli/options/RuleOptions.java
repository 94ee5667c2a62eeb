package dev.tpsync.cli.options;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** --rules and --disable: which rules a run uses. */
public final class RuleOptions {

    @Option(names = "--rules", split = ",", paramLabel = "ID", description = "run only these rules (comma separated)")
    List<String> only = new ArrayList<>();

    @Option(names = "--disable", split = ",", paramLabel = "ID", description = "do not run these rules")
    List<String> disabled = new ArrayList<>();

    public List<String> only() {
        return List.copyOf(only);
    }

    public List<String> disabled() {
        return List.copyOf(disabled);
    }
}
