package dev.tpsync.cli.format;

import dev.tpsync.report.PatchReport;
import dev.tpsync.report.Report;
import dev.tpsync.rules.spi.EvidenceHop;
import dev.tpsync.rules.spi.Finding;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * GitHub Actions workflow commands: one {@code ::error file=F,line=L,col=C,title=RULE::message}
 * line per finding, which the runner turns into an annotation on the pull request's diff.
 * Escaping follows @actions/core (toolkit packages/core/src/command.ts) exactly: a value
 * with a raw newline would end the command and anything after it would be run as a new one.
 */
final class GithubFormat implements OutputFormat {

    @Override
    public String name() {
        return "github";
    }

    @Override
    public void write(Report report, FormatOptions options, Writer out) throws IOException {
        if (report.isReview()) {
            // Annotations go on the head of the pull request, after every patch.
            HeadLines head = HeadLines.of(report);
            for (int i = 0; i < report.patches().size(); i++) {
                PatchReport patch = report.patches().get(i);
                for (Finding finding : patch.introduced()) {
                    HeadLines.Shown shown = head.shown(i, finding);
                    Optional<String> noLine = shown.noLine(patch, finding);
                    if (noLine.isEmpty()) {
                        out.write(annotation(shown.finding().orElseThrow(), "introduced by " + patch.label()) + "\n");
                        continue;
                    }
                    // Not on a line of the head, where other code stands now: on its file, or on the
                    // run when a later patch deleted the file; where it was is in the text.
                    String attribution = noLine.get();
                    out.write(annotation(shown.finding().orElse(finding.at("", 0)), attribution) + "\n");
                }
            }
        } else {
            for (Finding finding : report.findings()) {
                out.write(annotation(finding, "") + "\n");
            }
        }
        for (String note : report.notes()) {
            out.write("::notice title=tpsync::" + escapeData(note) + "\n");
        }
    }

    private static String annotation(Finding f, String attribution) {
        String command = switch (f.severity()) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case NOTE -> "notice";
        };
        List<String> properties = new ArrayList<>();
        if (!f.file().isEmpty()) {
            properties.add("file=" + escapeProperty(f.file()));
        }
        if (f.line() > 0) {
            properties.add("line=" + f.line());
            if (f.column() > 0) {
                properties.add("col=" + f.column());
            }
        }
        properties.add("title=" + escapeProperty(f.ruleId()));

        List<String> message = new ArrayList<>();
        message.add(f.message());
        boolean first = true;
        for (EvidenceHop hop : f.evidence()) {
            message.add((first ? "from " : "via ") + TextFormat.hop(hop));
            first = false;
        }
        if (!f.suggestion().isEmpty()) {
            message.add("suggestion: " + f.suggestion());
        }
        if (!attribution.isEmpty()) {
            message.add(attribution);
        }
        return "::" + command + " " + String.join(",", properties) + "::" + escapeData(String.join("\n", message));
    }

    /** toolkit escapeData: the message after the second "::". */
    static String escapeData(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** toolkit escapeProperty: a value inside "key=value,..." also must not contain ':' or ','. */
    static String escapeProperty(String s) {
        return escapeData(s).replace(":", "%3A").replace(",", "%2C");
    }
}
