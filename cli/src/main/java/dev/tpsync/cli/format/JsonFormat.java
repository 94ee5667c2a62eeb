package dev.tpsync.cli.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tpsync.report.PatchReport;
import dev.tpsync.report.Report;
import dev.tpsync.rules.spi.EvidenceHop;
import dev.tpsync.rules.spi.Finding;
import dev.tpsync.rules.spi.Severity;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * The {@code tpsync/1} JSON document for programs (docs/json-schema.md, and the JSON Schema
 * in resources/schema/tpsync-1.schema.json). Fields appear in a fixed order; unknown values
 * are empty strings or 0, never absent, so consumers need no null checks.
 */
final class JsonFormat implements OutputFormat {

    /** Bumped only for incompatible changes; adding fields keeps "tpsync/1". */
    static final String SCHEMA = "tpsync/1";

    @Override
    public String name() {
        return "json";
    }

    @Override
    public void write(Report report, FormatOptions options, Writer out) throws IOException {
        ObjectNode root = PrettyJson.object();
        root.put("schema", SCHEMA);
        ObjectNode tool = root.putObject("tool");
        tool.put("name", "tpsync");
        tool.put("version", options.toolVersion());
        root.put("mode", report.mode());
        ArrayNode inputs = root.putArray("inputs");
        report.inputs().forEach(inputs::add);
        ArrayNode notes = root.putArray("notes");
        report.notes().forEach(notes::add);
        if (report.isReview()) {
            ArrayNode patches = root.putArray("patches");
            for (PatchReport patch : report.patches()) {
                patches.add(patch(patch));
            }
        } else {
            findings(root.putArray("findings"), report.findings());
        }
        summary(root.putObject("summary"), Tally.of(report));
        PrettyJson.write(root, out);
    }

    private static ObjectNode patch(PatchReport patch) {
        ObjectNode node = PrettyJson.object();
        node.put("index", patch.index());
        node.put("total", patch.total());
        node.put("subject", patch.subject());
        node.put("author", patch.author());
        node.put("commit", patch.commitId());
        node.put("messageId", patch.messageId());
        findings(node.putArray("introduced"), patch.introduced());
        findings(node.putArray("resolved"), patch.resolved());
        return node;
    }

    static void findings(ArrayNode array, List<Finding> findings) {
        for (Finding f : findings) {
            ObjectNode node = array.addObject();
            node.put("rule", f.ruleId());
            node.put("severity", f.severity().label());
            node.put("confidence", f.confidence().label());
            node.put("file", f.file());
            node.put("line", f.line());
            node.put("column", f.column());
            node.put("function", f.function());
            node.put("message", f.message());
            ArrayNode evidence = node.putArray("evidence");
            for (EvidenceHop hop : f.evidence()) {
                ObjectNode h = evidence.addObject();
                h.put("file", hop.file());
                h.put("line", hop.line());
                h.put("function", hop.function());
                h.put("note", hop.note());
            }
            node.put("suggestion", f.suggestion());
            node.put("fingerprint", f.fingerprint());
        }
    }

    private static void summary(ObjectNode node, Tally tally) {
        node.put("findings", tally.findings());
        ObjectNode bySeverity = node.putObject("bySeverity");
        for (Severity s : Severity.values()) {
            bySeverity.put(s.label(), tally.count(s));
        }
        node.put("resolved", tally.resolved());
        node.put("suppressed", tally.suppressed());
    }
}
