package dev.tpsync.rules.triage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tpsync.input.InputException;
import dev.tpsync.rules.engine.RuleRunner;
import dev.tpsync.rules.spi.Finding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Accepted findings, recorded by fingerprint so that CI reports only new ones. Fingerprints
 * are made of rule, function and normalized code, so a baseline survives lines inserted above
 * a finding and edits elsewhere in the file. The other fields are there for people reading
 * the file in review.
 */
public final class Baseline {

    public static final String SCHEMA = "tpsync-baseline/1";

    /** One accepted finding. */
    public record Entry(String fingerprint, String rule, String file, String function, String message) {
    }

    /** The file as written: {@code {"schema": "tpsync-baseline/1", "entries": [...]}}. */
    record Document(String schema, List<Entry> entries) {
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(SerializationFeature.INDENT_OUTPUT)
        .build();

    private final List<Entry> entries;
    private final Set<String> fingerprints;

    private Baseline(List<Entry> entries) {
        this.entries = List.copyOf(entries);
        this.fingerprints = entries.stream().map(Entry::fingerprint).collect(Collectors.toUnmodifiableSet());
    }

    public static Baseline of(List<Finding> findings) {
        return new Baseline(findings.stream().sorted(RuleRunner.ORDER)
            .map(f -> new Entry(f.fingerprint(), f.ruleId(), f.file(), f.function(), f.message())).toList());
    }

    public static Baseline read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InputException("baseline " + file + " does not exist; create it with --write-baseline");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new InputException("baseline " + file + " is not UTF-8 text; write it again with --write-baseline");
        } catch (IOException e) {
            throw new InputException("cannot read baseline " + file + ": " + e.getMessage());
        }
        // An editor's byte order mark is not part of the document.
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new InputException(file + ":" + line + ": not a tpsync baseline: JSON syntax error: "
                + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        String shape = "; a baseline is {\"schema\": \"" + SCHEMA + "\", \"entries\": [...]}, as --write-baseline"
            + " writes it";
        if (root == null || !root.isObject() || !SCHEMA.equals(root.path("schema").asText(null))) {
            throw new InputException(file + ":1: not a tpsync baseline (expected \"schema\": \"" + SCHEMA + "\")"
                + shape);
        }
        if (!root.path("entries").isArray()) {
            throw new InputException(file + ": not a tpsync baseline: \"entries\" is not a list" + shape);
        }
        for (int i = 0; i < root.get("entries").size(); i++) {
            JsonNode entry = root.get("entries").get(i);
            if (!entry.isObject() || !entry.path("fingerprint").isTextual() || entry.get("fingerprint").asText()
                    .isBlank()) {
                throw new InputException(file + ": baseline entry " + (i + 1) + " has no fingerprint (a string)"
                    + shape);
            }
        }
        List<Entry> entries;
        try {
            entries = JSON.treeToValue(root, Document.class).entries();
        } catch (JsonProcessingException e) {
            throw new InputException(file + ": not a tpsync baseline: " + (e instanceof JsonMappingException m
                ? "'" + path(m) + "' is not what a baseline holds" : "unexpected content") + shape);
        }
        return new Baseline(entries);
    }

    /** Where in the document a binding failed: entries[2].extra. */
    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                out.append(out.length() == 0 ? "" : ".").append(r.getFieldName());
            } else {
                out.append('[').append(r.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    /** The baseline file's text: a JSON document, one entry per accepted finding. */
    public String text() {
        try {
            return JSON.writeValueAsString(new Document(SCHEMA, entries)) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean contains(Finding finding) {
        return fingerprints.contains(finding.fingerprint());
    }

    public List<Entry> entries() {
        return entries;
    }
}
