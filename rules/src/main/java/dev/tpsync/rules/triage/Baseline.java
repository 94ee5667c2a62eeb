package dev.tpsync.rules.triage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
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
        } catch (IOException e) {
            throw new InputException("cannot read baseline " + file + ": " + e.getMessage());
        }
        Document doc;
        try {
            doc = JSON.readValue(text, Document.class);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new InputException(file + ":" + line + ": not a tpsync baseline: "
                + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        if (doc == null || !SCHEMA.equals(doc.schema())) {
            throw new InputException(file + ": not a tpsync baseline (expected \"schema\": \"" + SCHEMA + "\")");
        }
        List<Entry> entries = doc.entries() == null ? List.of() : doc.entries();
        for (Entry e : entries) {
            if (e == null || e.fingerprint() == null || e.fingerprint().isBlank()) {
                throw new InputException(file + ": a baseline entry has no fingerprint");
            }
        }
        return new Baseline(entries);
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
