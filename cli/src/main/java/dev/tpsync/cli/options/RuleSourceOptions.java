package dev.tpsync.cli.options;

import dev.tpsync.cli.config.RunSetup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** --config and --plugin: where rules and their configuration come from. */
public final class RuleSourceOptions {

    @Option(names = "--config", paramLabel = "FILE",
        description = "configuration file (default: .tpsync.yaml at the tree root, when it exists)")
    Path config;

    @Option(names = "--plugin", paramLabel = "PATH",
        description = "load rules from a .jar, a .yaml/.yml rule file or a single-file .java rule (repeatable)")
    List<Path> plugins = new ArrayList<>();

    public Optional<Path> config() {
        return Optional.ofNullable(config);
    }

    public List<Path> plugins() {
        return List.copyOf(plugins);
    }

    /** The setup that only chooses rules, for commands that list or explain them. */
    public RunSetup rulesOnly(Path treeRoot) {
        return RunSetup.prepare(RunSetup.Request.forRules(treeRoot, config(), plugins()));
    }
}
