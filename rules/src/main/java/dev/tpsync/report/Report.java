package dev.tpsync.report;

import dev.tpsync.rules.spi.Finding;
import dev.tpsync.rules.spi.RuleMetadata;
import dev.tpsync.rules.spi.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What a run produced, for every output format: a tree scan fills {@code findings}, a review
 * fills {@code patches}. Formats read only this.
 *
 * @param mode       "scan" or "review"
 * @param inputs     what was analysed (tree path, range, patch files)
 * @param rules      metadata of the rules that ran (SARIF driver.rules)
 * @param findings   scan findings, sorted by file and line
 * @param patches    review results, in series order
 * @param suppressed findings hidden by suppressions or the baseline
 * @param notes      things the user should know (no upstream, merges skipped, no tree available)
 */
public record Report(String mode, List<String> inputs, List<RuleMetadata> rules, List<Finding> findings,
                     List<PatchReport> patches, List<Finding> suppressed, List<String> notes) {

    public Report {
        inputs = List.copyOf(inputs);
        rules = List.copyOf(rules);
        findings = List.copyOf(findings);
        patches = List.copyOf(patches);
        suppressed = List.copyOf(suppressed);
        notes = List.copyOf(notes);
    }

    public boolean isReview() {
        return mode.equals("review");
    }

    /**
     * This report with only the findings in files {@code reportOn} takes (a config's
     * {@code paths.include} and {@code paths.exclude}): a scan's, and what each patch introduced
     * or resolved. Such findings are not suppressed but out of scope, as a scan leaves them.
     */
    public Report reportedOn(Predicate<String> reportOn) {
        List<PatchReport> kept = new ArrayList<>();
        for (PatchReport p : patches) {
            kept.add(p.withIntroduced(p.introduced().stream().filter(f -> reportOn.test(f.file())).toList())
                .withResolved(p.resolved().stream().filter(f -> reportOn.test(f.file())).toList()));
        }
        return new Report(mode, inputs, rules, findings.stream().filter(f -> reportOn.test(f.file())).toList(), kept,
            suppressed, notes);
    }

    /** This report with {@code more} after its notes. */
    public Report withNotes(List<String> more) {
        List<String> all = new ArrayList<>(notes);
        all.addAll(more);
        return new Report(mode, inputs, rules, findings, patches, suppressed, all);
    }

    /** The findings that count for --fail-on: scan findings, or what patches introduced. */
    public List<Finding> reportable() {
        if (!isReview()) {
            return findings;
        }
        List<Finding> all = new ArrayList<>();
        patches.forEach(p -> all.addAll(p.introduced()));
        return all;
    }

    /** True when a reportable finding is at or above {@code level}. */
    public boolean failsAt(Severity level) {
        return reportable().stream().anyMatch(f -> f.severity().atLeast(level));
    }
}
