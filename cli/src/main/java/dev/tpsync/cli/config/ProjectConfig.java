package dev.tpsync.cli.config;

import dev.tpsync.rules.plugin.Located;
import dev.tpsync.rules.plugin.YamlInput;
import dev.tpsync.rules.spi.Severity;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code .tpsync.yaml} as written: rules on/off and severities, paths to report on, extra
 * contexts, plugins, and per-path ignores. Reading is strict (unknown keys and wrong types
 * are errors naming file, line and key); checks that need the rule set are in
 * {@link RunSetup}. Values that a later check may reject keep their line ({@link Located}).
 */
public record ProjectConfig(Rules rules, Paths paths, Contexts contexts, List<Located<String>> plugins,
                            List<Located<Ignore>> ignore) {

    public static final String DEFAULT_NAME = ".tpsync.yaml";

    public ProjectConfig {
        rules = rules == null ? new Rules(null, null, null) : rules;
        paths = paths == null ? new Paths(null, null) : paths;
        contexts = contexts == null ? new Contexts(null, null, null) : contexts;
        plugins = plugins == null ? List.of() : List.copyOf(plugins);
        ignore = ignore == null ? List.of() : List.copyOf(ignore);
    }

    /** {@code rules:}: {@code enable} runs only these, {@code disable} never these, {@code severity} overrides. */
    public record Rules(List<Located<String>> enable, List<Located<String>> disable,
                        Map<String, Located<Severity>> severity) {
        public Rules {
            enable = enable == null ? List.of() : List.copyOf(enable);
            disable = disable == null ? List.of() : List.copyOf(disable);
            severity = severity == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(severity));
        }
    }

    /** {@code paths:}: globs on tree-relative paths; findings are reported only for included, non-excluded files. */
    public record Paths(List<Located<String>> include, List<Located<String>> exclude) {
        public Paths {
            include = include == null ? List.of() : List.copyOf(include);
            exclude = exclude == null ? List.of() : List.copyOf(exclude);
        }
    }

    /**
     * {@code contexts:}: additions to the kernel's own NMI entries and RCU-not-watching regions,
     * and the architecture the tree is read as ({@code arch: arm64}; default x86).
     */
    public record Contexts(List<Located<String>> nmiEntryPoints, List<Located<Region>> rcuNotWatchingRegions,
                           Located<String> arch) {
        public Contexts {
            nmiEntryPoints = nmiEntryPoints == null ? List.of() : List.copyOf(nmiEntryPoints);
            rcuNotWatchingRegions = rcuNotWatchingRegions == null ? List.of() : List.copyOf(rcuNotWatchingRegions);
        }
    }

    /** A call pair that brackets code where RCU is not watching. */
    public record Region(String enter, String exit) {
    }

    /** {@code ignore:} entry: findings in files matching {@code path} (of {@code rule}, or all rules) are suppressed. */
    public record Ignore(String path, String rule) {
    }

    public static ProjectConfig defaults() {
        return new ProjectConfig(null, null, null, null, null);
    }

    /** Reads {@code file}; an empty file means the defaults. */
    public static ProjectConfig read(Path file) {
        String text = YamlInput.read(file, "config file");
        return YamlInput.bind(file, text, ProjectConfig.class).orElseGet(ProjectConfig::defaults);
    }
}
