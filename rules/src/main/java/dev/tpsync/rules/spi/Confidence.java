package dev.tpsync.rules.spi;

import java.util.Locale;

/**
 * How sure a finding is, after Coccinelle's Confidence header: a chain through a direct
 * call is HIGH, one through a registered callback MODERATE, one made without the tree LOW.
 */
public enum Confidence {
    HIGH,
    MODERATE,
    LOW;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The weaker of two confidences: a chain is only as sure as its weakest hop. */
    public Confidence min(Confidence other) {
        return ordinal() >= other.ordinal() ? this : other;
    }
}
