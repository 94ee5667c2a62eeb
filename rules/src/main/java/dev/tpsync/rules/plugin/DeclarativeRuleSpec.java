package dev.tpsync.rules.plugin;

import dev.tpsync.rules.spi.Confidence;
import dev.tpsync.rules.spi.Severity;
import java.util.List;

/**
 * One declarative rule as written in YAML, before validation. Keys are kebab-case
 * ({@code bad-example}, {@code unless-after}); lists may be written as a single value.
 */
record DeclarativeRuleSpec(String id, Severity severity, Confidence confidence, String message, String suggestion,
                           String summary, String rationale, List<String> references, String badExample,
                           String goodExample, Located<Match> match) {

    DeclarativeRuleSpec {
        references = references == null ? List.of() : List.copyOf(references);
    }

    /** {@code match:}: what to look for, where, and what excuses it. */
    record Match(List<String> call, String argument, String event, List<MatchContext> in, List<String> unlessAfter,
                 List<String> files) {

        Match {
            call = call == null ? List.of() : List.copyOf(call);
            in = in == null ? List.of() : List.copyOf(in);
            unlessAfter = unlessAfter == null ? List.of() : List.copyOf(unlessAfter);
            files = files == null ? List.of() : List.copyOf(files);
        }
    }

    /** A file holding several rules: {@code rules: [...]}. */
    record RuleList(List<Located<DeclarativeRuleSpec>> rules) {

        RuleList {
            rules = rules == null ? List.of() : List.copyOf(rules);
        }
    }
}
