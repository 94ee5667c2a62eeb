package dev.tpsync.cli.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tpsync.report.PatchReport;
import dev.tpsync.report.Report;
import dev.tpsync.rules.spi.Confidence;
import dev.tpsync.rules.spi.EvidenceHop;
import dev.tpsync.rules.spi.Finding;
import dev.tpsync.rules.spi.RuleMetadata;
import dev.tpsync.rules.spi.Severity;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * SARIF 2.1.0 for code-scanning services (GitHub code scanning in particular): the rules that
 * ran with their help text, one result per finding with its location relative to
 * {@code SRCROOT}, the evidence chain as a code flow, and {@code partialFingerprints} so a
 * finding keeps its identity when lines move. In review mode the results are what the
 * patches introduce, each tagged with its patch.
 */
final class SarifFormat implements OutputFormat {

    static final String SCHEMA_URI =
        "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    static final String INFORMATION_URI = "https://github.com/tpsync/tpsync";
    static final String FINGERPRINT_KEY = "tpsyncFingerprint/v1";
    private static final String SRCROOT = "SRCROOT";

    @Override
    public String name() {
        return "sarif";
    }

    @Override
    public void write(Report report, FormatOptions options, Writer out) throws IOException {
        ObjectNode root = PrettyJson.object();
        root.put("$schema", SCHEMA_URI);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();

        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "tpsync");
        driver.put("version", options.toolVersion());
        driver.put("informationUri", INFORMATION_URI);
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> ruleIndex = new HashMap<>();
        for (RuleMetadata rule : report.rules()) {
            ruleIndex.putIfAbsent(rule.id(), ruleIndex.size());
            rules.add(rule(rule));
        }

        ArrayNode invocations = run.putArray("invocations");
        ObjectNode invocation = invocations.addObject();
        invocation.put("executionSuccessful", true);
        if (!report.notes().isEmpty()) {
            ArrayNode notifications = invocation.putArray("toolExecutionNotifications");
            for (String note : report.notes()) {
                ObjectNode n = notifications.addObject();
                n.putObject("message").put("text", note);
                n.put("level", "note");
            }
        }

        sourceRoot(report, options).ifPresent(uri ->
            run.putObject("originalUriBaseIds").putObject(SRCROOT).put("uri", uri));

        ArrayNode results = run.putArray("results");
        if (report.isReview()) {
            // Code scanning places results on the analysed commit: the head, after every patch.
            HeadLines head = HeadLines.of(report);
            for (int i = 0; i < report.patches().size(); i++) {
                PatchReport patch = report.patches().get(i);
                for (Finding finding : patch.introduced()) {
                    // One a later patch resolves, or whose line it rewrote past following, is on its
                    // file, not on a line where other code stands now, and in the patch's file when a
                    // later patch deleted it: code scanning refuses a result without a location. Its
                    // message says why.
                    HeadLines.Shown shown = head.shown(i, finding);
                    Finding placed = shown.finding().orElse(finding.at(finding.file(), 0));
                    Optional<String> noLine = shown.noLine(patch, finding);
                    ObjectNode result = result(noLine.map(why -> placed.withMessage(placed.message() + " ("
                        + why + ")")).orElse(placed), ruleIndex);
                    ObjectNode p = ((ObjectNode) result.get("properties")).putObject("patch");
                    p.put("index", patch.index());
                    p.put("total", patch.total());
                    p.put("subject", patch.subject());
                    if (!patch.commitId().isEmpty()) {
                        p.put("commit", patch.commitId());
                    }
                    shown.resolvedBy().ifPresent(fix -> p.put("resolvedByPatch", fix.index()));
                    results.add(result);
                }
            }
        } else {
            for (Finding finding : report.findings()) {
                results.add(result(finding, ruleIndex));
            }
        }
        run.putObject("properties").put("mode", report.mode());
        PrettyJson.write(root, out);
    }

    private static ObjectNode rule(RuleMetadata rule) {
        ObjectNode node = PrettyJson.object();
        node.put("id", rule.id());
        node.put("name", pascalCase(rule.id()));
        node.putObject("shortDescription").put("text", rule.summary());
        node.putObject("fullDescription").put("text", rule.rationale());
        ObjectNode help = node.putObject("help");
        help.put("text", helpText(rule));
        help.put("markdown", helpMarkdown(rule));
        node.putObject("defaultConfiguration").put("level", level(rule.defaultSeverity()));
        ObjectNode properties = node.putObject("properties");
        properties.put("confidence", rule.confidence().label());
        // GitHub code scanning reads "precision" to rank and filter alerts.
        properties.put("precision", precision(rule.confidence()));
        if (!rule.references().isEmpty()) {
            ArrayNode refs = properties.putArray("references");
            rule.references().forEach(refs::add);
        }
        return node;
    }

    private static String helpText(RuleMetadata rule) {
        StringBuilder text = new StringBuilder(rule.summary()).append("\n\n").append(rule.rationale());
        if (!rule.badExample().isEmpty()) {
            text.append("\n\nBad:\n").append(rule.badExample().stripTrailing());
        }
        if (!rule.goodExample().isEmpty()) {
            text.append("\n\nGood:\n").append(rule.goodExample().stripTrailing());
        }
        if (!rule.references().isEmpty()) {
            text.append("\n\nReferences:\n");
            rule.references().forEach(r -> text.append("- ").append(r).append('\n'));
        }
        return text.toString().stripTrailing();
    }

    private static String helpMarkdown(RuleMetadata rule) {
        StringBuilder md = new StringBuilder("**").append(rule.summary()).append("**\n\n").append(rule.rationale());
        if (!rule.badExample().isEmpty()) {
            md.append("\n\nBad:\n\n```c\n").append(rule.badExample().stripTrailing()).append("\n```");
        }
        if (!rule.goodExample().isEmpty()) {
            md.append("\n\nGood:\n\n```c\n").append(rule.goodExample().stripTrailing()).append("\n```");
        }
        if (!rule.references().isEmpty()) {
            md.append("\n\nReferences:\n\n");
            rule.references().forEach(r -> md.append("- ").append(r).append('\n'));
        }
        return md.toString().stripTrailing();
    }

    private static ObjectNode result(Finding f, Map<String, Integer> ruleIndex) {
        ObjectNode result = PrettyJson.object();
        result.put("ruleId", f.ruleId());
        Integer index = ruleIndex.get(f.ruleId());
        if (index != null) {
            result.put("ruleIndex", index);
        }
        result.put("level", level(f.severity()));
        String text = f.message();
        if (!f.suggestion().isEmpty()) {
            text += "\n\nSuggestion: " + f.suggestion();
        }
        result.putObject("message").put("text", text);
        ObjectNode location = result.putArray("locations").addObject();
        location.set("physicalLocation", physicalLocation(f.file(), f.line(), f.column()));
        if (!f.function().isEmpty()) {
            ObjectNode logical = location.putArray("logicalLocations").addObject();
            logical.put("name", f.function());
            logical.put("kind", "function");
        }
        if (!f.evidence().isEmpty()) {
            // The chain as GitHub shows it: each hop in order, ending at the finding itself.
            ArrayNode steps = result.putArray("codeFlows").addObject()
                .putArray("threadFlows").addObject()
                .putArray("locations");
            for (EvidenceHop hop : f.evidence()) {
                ObjectNode step = steps.addObject().putObject("location");
                step.set("physicalLocation", physicalLocation(hop.file(), hop.line(), 0));
                String note = hop.note().isEmpty() ? hop.function() : hop.function() + ": " + hop.note();
                step.putObject("message").put("text", note);
            }
            ObjectNode last = steps.addObject().putObject("location");
            last.set("physicalLocation", physicalLocation(f.file(), f.line(), f.column()));
            last.putObject("message").put("text", f.function().isEmpty() ? f.message() : f.function() + ": "
                + f.message());
        }
        result.putObject("partialFingerprints").put(FINGERPRINT_KEY, f.fingerprint());
        ObjectNode properties = result.putObject("properties");
        properties.put("confidence", f.confidence().label());
        return result;
    }

    private static ObjectNode physicalLocation(String file, int line, int column) {
        ObjectNode physical = PrettyJson.object();
        ObjectNode artifact = physical.putObject("artifactLocation");
        artifact.put("uri", relativeUri(file));
        artifact.put("uriBaseId", SRCROOT);
        if (line > 0) {
            ObjectNode region = physical.putObject("region");
            region.put("startLine", line);
            if (column > 0) {
                region.put("startColumn", column);
            }
        }
        return physical;
    }

    /**
     * A tree-relative path as a relative URI reference: '/' separators, unsafe characters escaped,
     * and non-ASCII ones as their UTF-8 bytes (RFC 3986), as originalUriBaseIds has them.
     */
    static String relativeUri(String path) {
        String slashes = path.replace('\\', '/');
        try {
            return new URI(null, null, slashes, null).toASCIIString();
        } catch (URISyntaxException e) {
            // Only a path with a ':' in its first segment gets here; "./" keeps it relative.
            try {
                return new URI(null, null, "./" + slashes, null).toASCIIString();
            } catch (URISyntaxException again) {
                throw new IllegalArgumentException("cannot turn path into a URI: " + path, again);
            }
        }
    }

    private static Optional<String> sourceRoot(Report report, FormatOptions options) {
        if (options.sourceRootUri().isPresent()) {
            return options.sourceRootUri();
        }
        if (report.inputs().isEmpty()) {
            return Optional.empty();
        }
        try {
            Path first = Path.of(report.inputs().get(0));
            if (Files.isDirectory(first)) {
                String uri = first.toAbsolutePath().normalize().toUri().toString();
                return Optional.of(uri.endsWith("/") ? uri : uri + "/");
            }
        } catch (InvalidPathException e) {
            // A git range such as "origin/master..HEAD" need not be a valid path; no root then.
        }
        return Optional.empty();
    }

    static String level(Severity severity) {
        return switch (severity) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case NOTE -> "note";
        };
    }

    private static String precision(Confidence confidence) {
        return switch (confidence) {
            case HIGH -> "high";
            case MODERATE -> "medium";
            case LOW -> "low";
        };
    }

    /** "nmi-perf-rcu" -> "NmiPerfRcu", the style SARIF examples and GitHub use for rule names. */
    static String pascalCase(String id) {
        StringBuilder name = new StringBuilder();
        for (String word : id.split("-")) {
            if (!word.isEmpty()) {
                name.append(word.substring(0, 1).toUpperCase(Locale.ROOT)).append(word.substring(1));
            }
        }
        return name.toString();
    }
}
