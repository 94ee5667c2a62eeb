package dev.tpsync.rules.spi;

import java.util.List;

/**
 * One hazard found by a rule.
 *
 * @param ruleId      the rule that found it
 * @param severity    error, warning or note (after configuration overrides)
 * @param confidence  how sure the chain behind it is
 * @param file        path relative to the tree root
 * @param line        1-based line
 * @param column      1-based column
 * @param function    the function the finding is in
 * @param message     one sentence: what is wrong
 * @param evidence    the chain from the entry point or region to this line
 * @param suggestion  what to do instead
 * @param fingerprint stable identity: rule, function and normalized code, not the line number
 */
public record Finding(String ruleId, Severity severity, Confidence confidence, String file, int line, int column,
                      String function, String message, List<EvidenceHop> evidence, String suggestion,
                      String fingerprint) {

    public Finding {
        evidence = List.copyOf(evidence);
    }

    public Finding withSeverity(Severity newSeverity) {
        return new Finding(ruleId, newSeverity, confidence, file, line, column, function, message, evidence,
            suggestion, fingerprint);
    }

    public Finding withConfidence(Confidence newConfidence) {
        return new Finding(ruleId, severity, newConfidence, file, line, column, function, message, evidence,
            suggestion, fingerprint);
    }

    /** The same finding at another place (the same code, after later changes moved it). */
    public Finding at(String newFile, int newLine) {
        return new Finding(ruleId, severity, confidence, newFile, newLine, column, function, message, evidence,
            suggestion, fingerprint);
    }

    /** The same finding with its evidence at other places (the same hops, after later changes moved them). */
    public Finding withEvidence(List<EvidenceHop> newEvidence) {
        return new Finding(ruleId, severity, confidence, file, line, column, function, message, newEvidence,
            suggestion, fingerprint);
    }

    public Finding withMessage(String newMessage) {
        return new Finding(ruleId, severity, confidence, file, line, column, function, newMessage, evidence,
            suggestion, fingerprint);
    }
}
