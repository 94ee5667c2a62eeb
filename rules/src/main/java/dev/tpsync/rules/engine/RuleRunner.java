package dev.tpsync.rules.engine;

import dev.tpsync.rules.spi.Confidence;
import dev.tpsync.rules.spi.Finding;
import dev.tpsync.rules.spi.Findings;
import dev.tpsync.rules.spi.Rule;
import dev.tpsync.rules.spi.RuleContext;
import dev.tpsync.rules.spi.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs rules over a context: applies severity overrides, lowers confidence when the tree is
 * not available, makes fingerprints unique (equal code twice in one function gets #1, #2),
 * and returns findings in a stable order (file, line, column, rule).
 */
public final class RuleRunner {

    public static final Comparator<Finding> ORDER = Comparator.comparing(Finding::file)
        .thenComparingInt(Finding::line).thenComparingInt(Finding::column).thenComparing(Finding::ruleId)
        .thenComparing(Finding::message);

    private final List<Rule> rules;
    private final Map<String, Severity> severityOverrides;

    public RuleRunner(List<Rule> rules, Map<String, Severity> severityOverrides) {
        this.rules = List.copyOf(rules);
        this.severityOverrides = Map.copyOf(severityOverrides);
    }

    public List<Rule> rules() {
        return rules;
    }

    public List<Finding> run(RuleContext context) {
        List<Finding> raw = new ArrayList<>();
        for (Rule rule : rules) {
            String id = rule.metadata().id();
            rule.check(context, finding -> {
                if (!finding.ruleId().equals(id)) {
                    throw new IllegalStateException("rule " + id + " reported a finding as " + finding.ruleId());
                }
                raw.add(adjust(finding, context.treeAvailable()));
            });
        }
        raw.sort(ORDER);
        return uniqueFingerprints(raw);
    }

    private Finding adjust(Finding f, boolean treeAvailable) {
        Finding out = f;
        Severity override = severityOverrides.get(f.ruleId());
        if (override != null) {
            out = out.withSeverity(override);
        }
        if (!treeAvailable) {
            out = out.withConfidence(out.confidence().min(Confidence.LOW));
        }
        return out;
    }

    private static List<Finding> uniqueFingerprints(List<Finding> sorted) {
        Map<String, Integer> seen = new HashMap<>();
        List<Finding> out = new ArrayList<>(sorted.size());
        for (Finding f : sorted) {
            int n = seen.merge(f.fingerprint(), 1, Integer::sum) - 1;
            if (n == 0) {
                out.add(f);
            } else {
                out.add(new Finding(f.ruleId(), f.severity(), f.confidence(), f.file(), f.line(), f.column(),
                    f.function(), f.message(), f.evidence(), f.suggestion(),
                    Findings.fingerprint(f.ruleId(), f.function(), f.fingerprint(), n)));
            }
        }
        return out;
    }
}
