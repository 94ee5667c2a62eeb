package dev.tpsync.cli.format;

import dev.tpsync.report.PatchReport;
import dev.tpsync.report.Report;
import dev.tpsync.rules.spi.EvidenceHop;
import dev.tpsync.rules.spi.Finding;
import dev.tpsync.rules.spi.Severity;
import java.io.IOException;
import java.io.Writer;

/**
 * For people at a terminal and for editors: each finding starts with a compiler-style line
 * {@code path:line:col: severity: message [rule-id]} that Vim's quickfix, Emacs'
 * compilation-mode and grep all understand, followed by its evidence chain and suggestion,
 * indented so that those tools skip them.
 */
final class TextFormat implements OutputFormat {

    private static final String RESET = "\u001b[0m";

    @Override
    public String name() {
        return "text";
    }

    @Override
    public void write(Report report, FormatOptions options, Writer out) throws IOException {
        boolean color = options.color();
        if (report.isReview()) {
            for (PatchReport patch : report.patches()) {
                writePatch(patch, color, out);
            }
        } else {
            for (Finding finding : report.findings()) {
                writeFinding(finding, color, out);
            }
        }
        if (options.showSuppressed() && !report.suppressed().isEmpty()) {
            out.write("suppressed:\n");
            for (Finding finding : report.suppressed()) {
                // Indented like resolved findings: listed for the record, not something to jump to.
                out.write("    " + headline(finding, false) + "\n");
            }
        }
        for (String note : report.notes()) {
            out.write("note: " + note + "\n");
        }
        out.write(Tally.of(report).line() + "\n");
    }

    private static void writePatch(PatchReport patch, boolean color, Writer out) throws IOException {
        out.write(patch.label());
        if (!patch.commitId().isEmpty()) {
            out.write(" (" + Tally.shortCommit(patch) + ")");
        }
        out.write("\n");
        if (patch.introduced().isEmpty()) {
            out.write("    no findings introduced\n");
        }
        for (Finding finding : patch.introduced()) {
            writeFinding(finding, color, out);
        }
        if (!patch.resolved().isEmpty()) {
            out.write("resolved:\n");
            for (Finding finding : patch.resolved()) {
                // Indented: a resolved finding is nothing to jump to, so editors must not match it.
                out.write("    " + headline(finding, color) + "\n");
            }
        }
        out.write("\n");
    }

    private static void writeFinding(Finding finding, boolean color, Writer out) throws IOException {
        out.write(headline(finding, color) + "\n");
        boolean first = true;
        for (EvidenceHop hop : finding.evidence()) {
            out.write("    " + (first ? "from " : "via ") + hop(hop) + "\n");
            first = false;
        }
        if (!finding.suggestion().isEmpty()) {
            out.write("    suggestion: " + oneLine(finding.suggestion()) + "\n");
        }
    }

    static String headline(Finding f, boolean color) {
        return location(f) + ": " + paint(f.severity().label(), f.severity(), color) + ": " + oneLine(f.message())
            + " [" + paint(f.ruleId(), f.severity(), color) + "]";
    }

    static String location(Finding f) {
        StringBuilder where = new StringBuilder(f.file());
        if (f.line() > 0) {
            where.append(':').append(f.line());
            if (f.column() > 0) {
                where.append(':').append(f.column());
            }
        }
        return where.toString();
    }

    /** "exc_nmi (arch/x86/kernel/nmi.c:525): note", as every plain-text format prints a hop. */
    static String hop(EvidenceHop hop) {
        StringBuilder text = new StringBuilder(hop.function());
        String where = hop.line() > 0 ? hop.file() + ":" + hop.line() : hop.file();
        if (!where.isEmpty()) {
            text.append(" (").append(where).append(')');
        }
        if (!hop.note().isEmpty()) {
            text.append(": ").append(oneLine(hop.note()));
        }
        return text.toString();
    }

    /** A stray newline in a message would forge a new compiler-style line; fold it away. */
    static String oneLine(String text) {
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    // gcc's colours: bold red errors, bold magenta warnings, bold cyan notes.
    private static String paint(String text, Severity severity, boolean color) {
        if (!color) {
            return text;
        }
        String code = switch (severity) {
            case ERROR -> "\u001b[1;31m";
            case WARNING -> "\u001b[1;35m";
            case NOTE -> "\u001b[1;36m";
        };
        return code + text + RESET;
    }
}
