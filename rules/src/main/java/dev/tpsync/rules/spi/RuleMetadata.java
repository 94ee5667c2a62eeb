package dev.tpsync.rules.spi;

import java.util.List;

/**
 * Everything a user sees about a rule, kept in one place with the rule (Error Prone's habit):
 * {@code tpsync rules}, {@code tpsync explain}, SARIF {@code driver.rules} and the README
 * table are all generated from it.
 *
 * @param origin where the rule came from: {@code built-in}, a jar, a YAML or a Java file
 */
public record RuleMetadata(String id, Severity defaultSeverity, Confidence confidence, String summary,
                           String rationale, List<String> references, String badExample, String goodExample,
                           String origin) {

    public RuleMetadata {
        references = List.copyOf(references);
        if (!id.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("rule id must be lower-case words joined by '-': " + id);
        }
    }

    public RuleMetadata withOrigin(String newOrigin) {
        return new RuleMetadata(id, defaultSeverity, confidence, summary, rationale, references, badExample,
            goodExample, newOrigin);
    }
}
