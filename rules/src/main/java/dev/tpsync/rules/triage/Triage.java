package dev.tpsync.rules.triage;

import dev.tpsync.rules.spi.Finding;
import java.util.List;

/**
 * Findings split into those to report and those hidden (by a comment, a config ignore or the
 * baseline), with notes about suppressions that were not honoured.
 */
public record Triage(List<Finding> kept, List<Finding> suppressed, List<String> notes) {

    public Triage {
        kept = List.copyOf(kept);
        suppressed = List.copyOf(suppressed);
        notes = List.copyOf(notes);
    }
}
