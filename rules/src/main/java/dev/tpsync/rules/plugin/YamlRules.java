package dev.tpsync.rules.plugin;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tpsync.c.structure.SyncEventClassifier;
import dev.tpsync.c.structure.SyncKind;
import dev.tpsync.input.InputException;
import dev.tpsync.rules.spi.Confidence;
import dev.tpsync.rules.spi.Rule;
import dev.tpsync.rules.spi.RuleMetadata;
import dev.tpsync.rules.spi.Severity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads declarative rules from a YAML file: one rule, or several under {@code rules:}.
 * Everything is checked before a rule is built, and each error names file, line and key.
 */
public final class YamlRules {

    private static final String ID_PATTERN = "[a-z][a-z0-9]*(-[a-z0-9]+)*";

    private YamlRules() {
    }

    public static List<Rule> load(Path file) {
        String text = YamlInput.read(file, "rule file");
        Optional<JsonNode> shape = YamlInput.tree(file, text);
        if (shape.isEmpty()) {
            throw new InputException(file + ": empty rule file; write one rule (id, severity, message, match) "
                + "or a list under 'rules:'");
        }
        if (!shape.get().isObject()) {
            throw new InputException(file + ":1: a rule file holds one rule or 'rules:' with a list of rules");
        }
        String origin = "yaml:" + file.getFileName();
        List<Located<DeclarativeRuleSpec>> specs = new ArrayList<>();
        String prefix;
        if (shape.get().has("rules")) {
            specs.addAll(YamlInput.bind(file, text, DeclarativeRuleSpec.RuleList.class).orElseThrow().rules());
            prefix = "rules";
            if (specs.isEmpty()) {
                throw new InputException(file + ": 'rules:' is empty");
            }
        } else {
            specs.add(YamlInput.bind(file, text, new TypeReference<Located<DeclarativeRuleSpec>>() { }).orElseThrow());
            prefix = "";
        }
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            String key = prefix.isEmpty() ? "" : prefix + "[" + i + "].";
            rules.add(build(file, specs.get(i), key, origin));
        }
        return rules;
    }

    private static Rule build(Path file, Located<DeclarativeRuleSpec> located, String key, String origin) {
        DeclarativeRuleSpec s = located.value();
        int line = located.line();
        if (s == null) {
            throw YamlInput.error(file, line, key.isEmpty() ? "rules" : key.substring(0, key.length() - 1),
                "empty rule");
        }
        String id = required(file, line, key + "id", s.id());
        if (!id.matches(ID_PATTERN)) {
            throw YamlInput.error(file, line, key + "id", "'" + id + "' is not a rule id: use lower-case words "
                + "joined by '-', e.g. no-gfp-kernel-in-nmi");
        }
        String message = required(file, line, key + "message", s.message());
        if (s.match() == null || s.match().value() == null) {
            throw YamlInput.error(file, line, key + "match", "missing; say what to look for, e.g. "
                + "'match: {call: kmalloc, argument: GFP_KERNEL, in: nmi}'");
        }
        DeclarativeRuleSpec.Match m = s.match().value();
        int matchLine = s.match().line();
        String matchKey = key + "match";
        if (m.call().isEmpty() == (m.event() == null)) {
            throw YamlInput.error(file, matchLine, matchKey, "give exactly one of 'call' (a callee name or list) "
                + "or 'event' (a sync kind such as SRCU_READ_LOCK, or a primitive such as srcu_read_lock)");
        }
        DeclarativeRule.Pattern pattern = m.call().isEmpty() ? eventPattern(file, matchLine, matchKey, m)
            : new DeclarativeRule.Pattern(names(file, matchLine, matchKey + ".call", m.call()), Optional.empty(),
                Optional.empty(), nonBlank(m.argument()));
        List<String> unlessAfter = names(file, matchLine, matchKey + ".unless-after", m.unlessAfter());
        String summary = s.summary() == null || s.summary().isBlank() ? message : s.summary().strip();
        RuleMetadata metadata = new RuleMetadata(id, s.severity() == null ? Severity.WARNING : s.severity(),
            s.confidence() == null ? Confidence.HIGH : s.confidence(), summary,
            s.rationale() == null ? "" : s.rationale().strip(), s.references(),
            s.badExample() == null ? "" : s.badExample().stripTrailing(),
            s.goodExample() == null ? "" : s.goodExample().stripTrailing(), origin);
        return new DeclarativeRule(metadata, pattern, m.in(), unlessAfter, m.files(), message.strip(),
            s.suggestion() == null ? "" : s.suggestion().strip());
    }

    private static DeclarativeRule.Pattern eventPattern(Path file, int line, String key, DeclarativeRuleSpec.Match m) {
        String event = m.event().strip();
        Optional<SyncKind> kind = Arrays.stream(SyncKind.values()).filter(k -> k.name().equals(event)).findFirst();
        if (kind.isPresent()) {
            return new DeclarativeRule.Pattern(List.of(), kind, Optional.empty(), nonBlank(m.argument()));
        }
        boolean guard = event.matches("guard\\([a-z_]+\\)");
        if (!guard && SyncEventClassifier.classify(event).isEmpty()) {
            throw YamlInput.error(file, line, key + ".event", "'" + event + "' is not a sync event tpsync records; "
                + "use a kind (" + Arrays.stream(SyncKind.values()).map(Enum::name).collect(Collectors.joining(", "))
                + "), a primitive such as srcu_read_lock, or 'call:' for an ordinary call");
        }
        return new DeclarativeRule.Pattern(List.of(), Optional.empty(), Optional.of(event), nonBlank(m.argument()));
    }

    private static List<String> names(Path file, int line, String key, List<String> names) {
        for (String n : names) {
            if (n == null || !n.strip().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw YamlInput.error(file, line, key, "'" + n + "' is not a C function name");
            }
        }
        return names.stream().map(String::strip).toList();
    }

    private static String required(Path file, int line, String key, String value) {
        if (value == null || value.isBlank()) {
            throw YamlInput.error(file, line, key, "missing; every rule needs id, message and match");
        }
        return value.strip();
    }

    private static Optional<String> nonBlank(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.strip());
    }
}
