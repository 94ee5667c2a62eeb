package dev.tpsync.rules.triage;

import dev.tpsync.report.PatchReport;
import dev.tpsync.report.Report;
import dev.tpsync.rules.spi.Finding;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything that hides a finding after the rules ran, in one pass: per-path ignores from the
 * config, inline {@code tpsync: ignore} comments, then the baseline. Scan and review both use
 * it: a scan filters its findings, a review the findings each patch introduces.
 */
public final class FindingFilter {

    /** {@code ignore: [{path: glob, rule: id}]}: no rule means every rule. */
    public record PathIgnore(PathGlob path, Optional<String> rule) {

        public boolean covers(Finding f) {
            return path.matches(f.file()) && rule.map(f.ruleId()::equals).orElse(true);
        }
    }

    private final List<PathIgnore> ignores;
    private final Suppressions.LineSource lines;
    private final List<String> ruleIds;
    private final Optional<Baseline> baseline;

    /** {@code ruleIds}: every rule's id, run or not, which a comment may name. */
    public FindingFilter(List<PathIgnore> ignores, Suppressions.LineSource lines, List<String> ruleIds,
            Optional<Baseline> baseline) {
        this.ignores = List.copyOf(ignores);
        this.lines = lines;
        this.ruleIds = List.copyOf(ruleIds);
        this.baseline = baseline;
    }

    /** The same filter with another baseline (or none). */
    public FindingFilter withBaseline(Optional<Baseline> other) {
        return new FindingFilter(ignores, lines, ruleIds, other);
    }

    public Triage apply(List<Finding> findings) {
        List<Finding> suppressed = new ArrayList<>();
        List<Finding> candidates = new ArrayList<>();
        for (Finding f : findings) {
            (ignores.stream().anyMatch(i -> i.covers(f)) ? suppressed : candidates).add(f);
        }
        Triage inline = Suppressions.apply(candidates, lines, ruleIds);
        suppressed.addAll(inline.suppressed());
        List<Finding> kept = new ArrayList<>();
        for (Finding f : inline.kept()) {
            (baseline.isPresent() && baseline.get().contains(f) ? suppressed : kept).add(f);
        }
        return new Triage(kept, suppressed, inline.notes());
    }

    /** The report with hidden findings moved to {@link Report#suppressed()} and notes added. */
    public Report applyTo(Report report) {
        List<Finding> suppressed = new ArrayList<>(report.suppressed());
        Set<String> notes = new LinkedHashSet<>(report.notes());
        if (!report.isReview()) {
            Triage t = apply(report.findings());
            suppressed.addAll(t.suppressed());
            notes.addAll(t.notes());
            return new Report(report.mode(), report.inputs(), report.rules(), t.kept(), report.patches(), suppressed,
                new ArrayList<>(notes));
        }
        List<PatchReport> patches = new ArrayList<>();
        for (PatchReport p : report.patches()) {
            Triage t = apply(p.introduced());
            suppressed.addAll(t.suppressed());
            notes.addAll(t.notes());
            patches.add(p.withIntroduced(t.kept()));
        }
        return new Report(report.mode(), report.inputs(), report.rules(), report.findings(), patches, suppressed,
            new ArrayList<>(notes));
    }
}
