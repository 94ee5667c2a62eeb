package dev.tpsync.cli.config;

import dev.tpsync.input.InputException;
import dev.tpsync.model.ContextSpec;
import dev.tpsync.rules.builtin.BuiltinRules;
import dev.tpsync.rules.engine.RuleRunner;
import dev.tpsync.rules.engine.RuleSet;
import dev.tpsync.rules.plugin.Located;
import dev.tpsync.rules.plugin.PluginLoader;
import dev.tpsync.rules.plugin.YamlInput;
import dev.tpsync.rules.spi.Rule;
import dev.tpsync.rules.spi.Severity;
import dev.tpsync.rules.triage.Baseline;
import dev.tpsync.rules.triage.FindingFilter;
import dev.tpsync.rules.triage.PathGlob;
import dev.tpsync.rules.triage.Suppressions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns command-line choices and {@code .tpsync.yaml} into what a run needs: the rule set
 * (built-ins and plugins), the selected rules with severity overrides, the context spec, which
 * files to report on, and the filter that hides suppressed and baselined findings. Scan and
 * review both start here, so the config means the same for both.
 */
public final class RunSetup {

    /**
     * What the user asked for on the command line.
     *
     * @param treeRoot the tree; the default config is {@code .tpsync.yaml} there
     * @param config   an explicit config file (must exist), or empty for the default (optional)
     * @param plugins  --plugin paths, added to the config's plugins
     * @param only     --rules: when not empty, replaces the config's {@code enable}
     * @param disabled --disable: added to the config's {@code disable}
     * @param baseline --baseline file, if any
     */
    public record Request(Path treeRoot, Optional<Path> config, List<Path> plugins, List<String> only,
                          List<String> disabled, Optional<Path> baseline) {

        public Request {
            plugins = List.copyOf(plugins);
            only = List.copyOf(only);
            disabled = List.copyOf(disabled);
        }

        /** Only what chooses rules (for 'tpsync rules' and 'explain'). */
        public static Request forRules(Path treeRoot, Optional<Path> config, List<Path> plugins) {
            return new Request(treeRoot, config, plugins, List.of(), List.of(), Optional.empty());
        }
    }

    private final Optional<Path> configFile;
    private final ProjectConfig config;
    private final RuleSet ruleSet;
    private final List<Rule> selected;
    private final Map<String, Severity> severities;
    private final ContextSpec contextSpec;
    private final Predicate<String> reportOn;
    private final List<FindingFilter.PathIgnore> ignores;
    private final Optional<Baseline> baseline;
    private final List<String> notes;

    private RunSetup(Request request) {
        Path root = request.treeRoot().toAbsolutePath().normalize();
        this.configFile = configFile(root, request.config());
        this.config = configFile.map(ProjectConfig::read).orElseGet(ProjectConfig::defaults);
        Path file = configFile.orElse(root.resolve(ProjectConfig.DEFAULT_NAME));

        List<Rule> all = new ArrayList<>(BuiltinRules.all());
        for (Located<String> p : config.plugins()) {
            Path plugin = file.toAbsolutePath().getParent().resolve(text(file, p, "plugins"));
            if (!Files.exists(plugin)) {
                throw YamlInput.error(file, p.line(), "plugins", "plugin " + plugin + " does not exist (plugin "
                    + "paths are relative to the config file)");
            }
            all.addAll(PluginLoader.load(plugin));
        }
        all.addAll(PluginLoader.load(request.plugins()));
        this.ruleSet = new RuleSet(all);

        List<String> enable = ids(file, config.rules().enable(), "rules.enable");
        List<String> disable = ids(file, config.rules().disable(), "rules.disable");
        this.severities = severities(file);
        List<String> only = request.only().isEmpty() ? enable : request.only();
        List<String> disabled = new ArrayList<>(disable);
        disabled.addAll(request.disabled());
        this.selected = ruleSet.select(only, disabled, request.only().isEmpty() ? file + ": rules.enable" : "--rules",
            "--disable");
        this.notes = selected.isEmpty() ? List.of(noRulesLeft(file, request, enable, disable)) : List.of();
        this.contextSpec = contextSpec(file);
        this.reportOn = reportOn(file);
        this.ignores = ignores(file);
        this.baseline = request.baseline().map(Baseline::read);
    }

    public static RunSetup prepare(Request request) {
        return new RunSetup(request);
    }

    /**
     * What a report of this run should say about the setup itself: that no rule was left to run
     * (every one the selection names disabled), where the report alone would say "no findings".
     */
    public List<String> notes() {
        return notes;
    }

    private static String noRulesLeft(Path file, Request request, List<String> enable, List<String> disable) {
        List<String> choices = new ArrayList<>();
        if (!request.only().isEmpty()) {
            choices.add("--rules " + String.join(",", request.only()));
        } else if (!enable.isEmpty()) {
            choices.add(file + ": rules.enable " + String.join(", ", enable));
        }
        if (!disable.isEmpty()) {
            choices.add(file + ": rules.disable " + String.join(", ", disable));
        }
        if (!request.disabled().isEmpty()) {
            choices.add("--disable " + String.join(",", request.disabled()));
        }
        return "no rules left to run: " + String.join(" and ", choices) + " leave none, so nothing was judged";
    }

    /** The config file read, if any: the explicit one, or {@code .tpsync.yaml} at the tree root when it exists. */
    public Optional<Path> configFile() {
        return configFile;
    }

    public ProjectConfig config() {
        return config;
    }

    /** Every rule available: built-ins, then config plugins, then --plugin ones. */
    public RuleSet ruleSet() {
        return ruleSet;
    }

    /** The rules this run uses, in listing order. */
    public List<Rule> selected() {
        return selected;
    }

    public boolean isSelected(String ruleId) {
        return selected.stream().anyMatch(r -> r.metadata().id().equals(ruleId));
    }

    /** Configured severities by rule id. */
    public Map<String, Severity> severities() {
        return severities;
    }

    public RuleRunner runner() {
        return new RuleRunner(selected, severities);
    }

    /** The kernel's contexts plus the configured NMI entries and RCU-not-watching regions. */
    public ContextSpec contextSpec() {
        return contextSpec;
    }

    /** Whether findings in a tree-relative file are reported ({@code paths.include} / {@code paths.exclude}). */
    public Predicate<String> reportOn() {
        return reportOn;
    }

    public Optional<Baseline> baseline() {
        return baseline;
    }

    /** Config ignores, inline comments read through {@code lines}, and the baseline. */
    public FindingFilter findingFilter(Suppressions.LineSource lines) {
        return new FindingFilter(ignores, lines, ruleSet.ids(), baseline);
    }

    // ------------------------------------------------------------------ reading the config

    private static Optional<Path> configFile(Path root, Optional<Path> explicit) {
        if (explicit.isPresent()) {
            Path f = explicit.get();
            if (Files.isDirectory(f)) {
                throw new InputException("config file " + f + " is a directory; give the file (such as " + f.resolve(
                    ProjectConfig.DEFAULT_NAME) + ")");
            }
            // A FIFO or device is read as it comes (--config <(...), /dev/null for no config).
            if (!Files.exists(f)) {
                throw new InputException("config file " + f + " does not exist");
            }
            return explicit;
        }
        Path dflt = root.resolve(ProjectConfig.DEFAULT_NAME);
        return Files.isRegularFile(dflt) ? Optional.of(dflt) : Optional.empty();
    }

    private List<String> ids(Path file, List<Located<String>> ids, String key) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            out.add(knownRule(file, ids.get(i), key + "[" + i + "]"));
        }
        return out;
    }

    private String knownRule(Path file, Located<String> id, String key) {
        String value = text(file, id, key);
        if (ruleSet.byId(value).isEmpty()) {
            throw YamlInput.error(file, id.line(), key, "unknown rule '" + value + "'; known rules: "
                + String.join(", ", ruleSet.ids()));
        }
        return value;
    }

    private Map<String, Severity> severities(Path file) {
        Map<String, Severity> out = new LinkedHashMap<>();
        for (Map.Entry<String, Located<Severity>> e : config.rules().severity().entrySet()) {
            String key = "rules.severity." + e.getKey();
            Located<Severity> level = e.getValue();
            if (level == null || level.value() == null) {
                throw YamlInput.error(file, level == null ? 0 : level.line(), key, "missing level; use error, "
                    + "warning or note");
            }
            knownRule(file, new Located<>(e.getKey(), level.line()), key);
            out.put(e.getKey(), level.value());
        }
        return Map.copyOf(out);
    }

    private ContextSpec contextSpec(Path file) {
        List<String> entries = new ArrayList<>();
        List<Located<String>> configured = config.contexts().nmiEntryPoints();
        for (int i = 0; i < configured.size(); i++) {
            entries.add(function(file, configured.get(i), "contexts.nmi-entry-points[" + i + "]"));
        }
        List<ContextSpec.RegionMarkers> regions = new ArrayList<>();
        List<Located<ProjectConfig.Region>> rs = config.contexts().rcuNotWatchingRegions();
        for (int i = 0; i < rs.size(); i++) {
            Located<ProjectConfig.Region> r = rs.get(i);
            String key = "contexts.rcu-not-watching-regions[" + i + "]";
            if (r.value() == null || r.value().enter() == null || r.value().exit() == null) {
                throw YamlInput.error(file, r.line(), key, "a region needs both 'enter' and 'exit' (the calls "
                    + "that open and close it)");
            }
            regions.add(new ContextSpec.RegionMarkers(
                function(file, new Located<>(r.value().enter(), r.line()), key + ".enter"),
                function(file, new Located<>(r.value().exit(), r.line()), key + ".exit")));
        }
        ContextSpec spec = ContextSpec.kernelDefaults().plus(entries, regions);
        Located<String> arch = config.contexts().arch();
        if (arch == null) {
            return spec;
        }
        String name = text(file, arch, "contexts.arch");
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw YamlInput.error(file, arch.line(), "contexts.arch", "'" + name + "' is not an architecture "
                + "directory name (x86, arm64, riscv, ...)");
        }
        // A misspelt architecture would quietly make every arch/ directory "another" one.
        Path archDir = file.toAbsolutePath().getParent().resolve("arch");
        if (!KERNEL_ARCHES.contains(name) && !Files.isDirectory(archDir.resolve(name))) {
            throw YamlInput.error(file, arch.line(), "contexts.arch", "'" + name + "' is not an architecture of the "
                + "kernel or a directory under " + archDir + " (x86, arm64, riscv, ...)");
        }
        return spec.withPrimaryArch("arch/" + name);
    }

    /** The kernel's architectures, those since removed included (a tree of an old release). */
    private static final Set<String> KERNEL_ARCHES = Set.of("alpha", "arc", "arm", "arm64", "avr32", "blackfin",
        "c6x", "cris", "csky", "frv", "h8300", "hexagon", "ia64", "loongarch", "m32r", "m68k", "metag",
        "microblaze", "mips", "mn10300", "nds32", "nios2", "openrisc", "parisc", "powerpc", "riscv", "s390",
        "score", "sh", "sparc", "tile", "um", "unicore32", "x86", "xtensa");

    private static String function(Path file, Located<String> name, String key) {
        String value = text(file, name, key);
        if (!value.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw YamlInput.error(file, name.line(), key, "'" + value + "' is not a C function name");
        }
        return value;
    }

    private Predicate<String> reportOn(Path file) {
        List<PathGlob> include = globs(file, config.paths().include(), "paths.include");
        List<PathGlob> exclude = globs(file, config.paths().exclude(), "paths.exclude");
        if (include.isEmpty() && exclude.isEmpty()) {
            return path -> true;
        }
        return path -> (include.isEmpty() || include.stream().anyMatch(g -> g.matches(path)))
            && exclude.stream().noneMatch(g -> g.matches(path));
    }

    private static List<PathGlob> globs(Path file, List<Located<String>> globs, String key) {
        List<PathGlob> out = new ArrayList<>();
        for (int i = 0; i < globs.size(); i++) {
            out.add(PathGlob.of(text(file, globs.get(i), key + "[" + i + "]")));
        }
        return out;
    }

    private List<FindingFilter.PathIgnore> ignores(Path file) {
        List<FindingFilter.PathIgnore> out = new ArrayList<>();
        for (int i = 0; i < config.ignore().size(); i++) {
            Located<ProjectConfig.Ignore> entry = config.ignore().get(i);
            String key = "ignore[" + i + "]";
            if (entry.value() == null || entry.value().path() == null || entry.value().path().isBlank()) {
                throw YamlInput.error(file, entry.line(), key + ".path", "missing; an ignore entry needs a path "
                    + "glob (and optionally a rule)");
            }
            Optional<String> rule = entry.value().rule() == null ? Optional.empty()
                : Optional.of(knownRule(file, new Located<>(entry.value().rule(), entry.line()), key + ".rule"));
            out.add(new FindingFilter.PathIgnore(PathGlob.of(entry.value().path()), rule));
        }
        return out;
    }

    private static String text(Path file, Located<String> value, String key) {
        if (value == null || value.value() == null || value.value().isBlank()) {
            throw YamlInput.error(file, value == null ? 0 : value.line(), key, "empty value");
        }
        return value.value().strip();
    }
}
