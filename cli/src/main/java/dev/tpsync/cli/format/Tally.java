package dev.tpsync.cli.format;

import dev.tpsync.report.PatchReport;
import dev.tpsync.report.Report;
import dev.tpsync.rules.spi.Finding;
import dev.tpsync.rules.spi.Severity;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The counts every format's summary shows, computed once the same way for all of them. */
record Tally(int findings, Map<Severity, Integer> bySeverity, int resolved, int suppressed, boolean review) {

    static Tally of(Report report) {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            counts.put(s, 0);
        }
        List<Finding> reportable = report.reportable();
        reportable.forEach(f -> counts.merge(f.severity(), 1, Integer::sum));
        int resolved = report.patches().stream().mapToInt(p -> p.resolved().size()).sum();
        return new Tally(reportable.size(), Map.copyOf(counts), resolved, report.suppressed().size(),
            report.isReview());
    }

    int count(Severity severity) {
        return bySeverity.get(severity);
    }

    /** "3 findings: 1 error, 2 warnings (1 suppressed)", "no findings", and in review "; 2 resolved". */
    String line() {
        StringBuilder out = new StringBuilder();
        if (findings == 0) {
            out.append("no findings");
        } else {
            out.append(plural(findings, "finding")).append(": ");
            List<String> parts = new ArrayList<>();
            for (Severity s : Severity.values()) {
                if (count(s) > 0) {
                    parts.add(plural(count(s), s.label()));
                }
            }
            out.append(String.join(", ", parts));
        }
        if (review && resolved > 0) {
            out.append("; ").append(resolved).append(" resolved");
        }
        if (suppressed > 0) {
            out.append(" (").append(suppressed).append(" suppressed)");
        }
        return out.toString();
    }

    static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    /** A patch's commit id cut to the 12 characters kernel "Fixes:" tags use. */
    static String shortCommit(PatchReport patch) {
        String id = patch.commitId();
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
