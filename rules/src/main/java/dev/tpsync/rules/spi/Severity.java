package dev.tpsync.rules.spi;

import dev.tpsync.input.InputException;
import java.util.Locale;

/** How serious a finding is; ordered from most to least severe. */
public enum Severity {
    ERROR,
    WARNING,
    NOTE;

    /** True when this severity is at or above {@code level}. */
    public boolean atLeast(Severity level) {
        return ordinal() <= level.ordinal();
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity parse(String text, String where) {
        for (Severity s : values()) {
            if (s.label().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new InputException(where + ": unknown severity '" + text + "'; use error, warning or note");
    }
}
