package dev.tpsync.cli.format;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tpsync.report.PatchReport;
import dev.tpsync.report.Report;
import dev.tpsync.rules.spi.Finding;
import dev.tpsync.rules.spi.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * b4's per-patch check result (DESIGN.md "Output": b4): a list with one
 * {@code {"tool", "status", "summary", "url", "details"}} object. {@code details} is a string
 * holding compact JSON, schema {@code tpsync-b4/1} (docs/hooks.md): the tree mode, the notes, and
 * the introduced and resolved findings in the same shape as the {@code tpsync/1} document.
 */
public final class B4CheckResult {

    public static final String DETAILS_SCHEMA = "tpsync-b4/1";

    private static final ObjectMapper COMPACT = new ObjectMapper();

    private B4CheckResult() {
    }

    /**
     * pass, warn or fail, as b4 expects. A patch judged without its tree is never a pass: what
     * its hunks alone show misses most hazards (a context entered in another file, a probe
     * registered elsewhere), and b4 gives each patch of a series alone against HEAD, where one
     * that builds on an earlier patch does not apply.
     */
    public static String status(Report report, Optional<String> withoutTreeBecause) {
        List<Finding> introduced = report.reportable();
        if (introduced.stream().anyMatch(f -> f.severity() == Severity.ERROR)) {
            return "fail";
        }
        return introduced.isEmpty() && withoutTreeBecause.isEmpty() ? "pass" : "warn";
    }

    /**
     * One line: the counts and the first finding; then why the tree was not used, if it was not.
     *
     * @param withoutTreeBecause why the patch was judged without its tree, or empty
     */
    public static String summary(Report report, Optional<String> withoutTreeBecause) {
        List<Finding> introduced = report.reportable();
        StringBuilder out = new StringBuilder();
        if (introduced.isEmpty() && withoutTreeBecause.isPresent()) {
            return "not judged with the tree (" + withoutTreeBecause.get() + "); the patch alone shows no tracepoint "
                + "synchronization hazards, but most need the tree to be seen";
        }
        if (introduced.isEmpty()) {
            out.append("no tracepoint synchronization hazards introduced");
            if (!report.suppressed().isEmpty()) {
                out.append(" (").append(report.suppressed().size()).append(" suppressed)");
            }
        } else {
            Finding first = introduced.get(0);
            out.append(Tally.of(report).line().replaceFirst("^(\\d+ findings?)", "$1 introduced"))
                .append("; ").append(first.file()).append(':').append(first.line()).append(": ")
                .append(first.message()).append(" [").append(first.ruleId()).append(']');
        }
        withoutTreeBecause.ifPresent(why -> out.append(" (judged without the tree: ").append(why).append(')'));
        return out.toString();
    }

    /**
     * The details string: compact JSON, one line; with {@code showSuppressed} (--show-suppressed)
     * also the findings suppression comments, config ignores or the baseline hid.
     */
    public static String details(Report report, boolean treeUsed, boolean showSuppressed) {
        ObjectNode root = PrettyJson.object();
        root.put("schema", DETAILS_SCHEMA);
        root.put("tree", treeUsed);
        ArrayNode notes = root.putArray("notes");
        report.notes().forEach(notes::add);
        List<Finding> introduced = new ArrayList<>();
        List<Finding> resolved = new ArrayList<>();
        for (PatchReport p : report.patches()) {
            introduced.addAll(p.introduced());
            resolved.addAll(p.resolved());
        }
        JsonFormat.findings(root.putArray("introduced"), introduced);
        JsonFormat.findings(root.putArray("resolved"), resolved);
        if (showSuppressed) {
            JsonFormat.findings(root.putArray("suppressed"), report.suppressed());
        }
        try {
            return COMPACT.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the list b4 reads from stdout. */
    public static void write(Report report, Optional<String> withoutTreeBecause, String url, boolean showSuppressed,
                             Writer out) throws IOException {
        ArrayNode list = PrettyJson.object().arrayNode();
        ObjectNode check = list.addObject();
        check.put("tool", "tpsync");
        check.put("status", status(report, withoutTreeBecause));
        check.put("summary", summary(report, withoutTreeBecause));
        check.put("url", url);
        check.put("details", details(report, withoutTreeBecause.isEmpty(), showSuppressed));
        PrettyJson.write(list, out);
    }
}
