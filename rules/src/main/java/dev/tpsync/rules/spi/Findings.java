package dev.tpsync.rules.spi;

import dev.tpsync.c.structure.FunctionDef;
import dev.tpsync.model.ChainHop;
import dev.tpsync.model.EvidenceChain;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Builds findings the same way for every rule: location, evidence from a chain plus the
 * line itself, and a fingerprint made of rule, function and normalized code (never the
 * line number), so it survives line shifts and unrelated edits.
 */
public final class Findings {

    private Findings() {
    }

    /** A new finding at {@code line:column} of {@code fn}; {@code anchor} is the normalized code. */
    public static Builder at(RuleMetadata rule, FunctionDef fn, int line, int column, String anchor) {
        return new Builder(rule, fn, line, column, anchor);
    }

    /** Stable identity of a finding; {@code occurrence} tells apart equal code in one function. */
    public static String fingerprint(String ruleId, String function, String anchor, int occurrence) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String key = ruleId + '\0' + function + '\0' + normalize(anchor) + '\0' + occurrence;
            return HexFormat.of().formatHex(sha.digest(key.getBytes(StandardCharsets.UTF_8)), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Whitespace folded so reformatting does not change identity. */
    public static String normalize(String code) {
        return code.replaceAll("\\s+", " ").trim();
    }

    public static List<EvidenceHop> evidence(Optional<EvidenceChain> chain) {
        List<EvidenceHop> hops = new ArrayList<>();
        chain.ifPresent(c -> {
            for (ChainHop hop : c.hops()) {
                hops.add(new EvidenceHop(hop.file(), hop.line(), hop.function(), hop.note()));
            }
        });
        return hops;
    }

    /** Assembles one finding; the fingerprint occurrence is settled later by the runner. */
    public static final class Builder {
        private final RuleMetadata rule;
        private final FunctionDef fn;
        private final int line;
        private final int column;
        private final String anchor;
        private Severity severity;
        private Confidence confidence;
        private String message = "";
        private String suggestion = "";
        private final List<EvidenceHop> evidence = new ArrayList<>();

        private Builder(RuleMetadata rule, FunctionDef fn, int line, int column, String anchor) {
            this.rule = rule;
            this.fn = fn;
            this.line = line;
            this.column = column;
            this.anchor = anchor;
            this.severity = rule.defaultSeverity();
            this.confidence = rule.confidence();
        }

        public Builder severity(Severity s) {
            this.severity = s;
            return this;
        }

        public Builder confidence(Confidence c) {
            this.confidence = c;
            return this;
        }

        public Builder message(String m) {
            this.message = m;
            return this;
        }

        public Builder suggestion(String s) {
            this.suggestion = s;
            return this;
        }

        /** The chain (if any), then this finding's own line as the last hop. */
        public Builder chain(Optional<EvidenceChain> chain, String lastNote) {
            evidence.addAll(Findings.evidence(chain));
            if (chain.isPresent() && chain.get().indirect()) {
                confidence = confidence.min(Confidence.MODERATE);
            }
            return hop(fn.file(), line, fn.name(), lastNote);
        }

        public Builder hop(String file, int atLine, String function, String note) {
            evidence.add(new EvidenceHop(file, atLine, function, note));
            return this;
        }

        public Finding build() {
            return new Finding(rule.id(), severity, confidence, fn.file(), line, column, fn.name(), message, evidence,
                suggestion, fingerprint(rule.id(), fn.name(), anchor, 0));
        }
    }
}
