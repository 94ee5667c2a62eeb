package dev.tpsync.patch;

import java.util.List;
import java.util.Optional;

/**
 * The patches of one series in application order, the base commit when the input names
 * one ({@code base-commit:} trailer, or the bottom of a git range), and notes for the user
 * about what was skipped or looked odd.
 */
public record PatchSeries(List<Patch> patches, Optional<String> baseCommit, List<String> notes) {

    public PatchSeries {
        patches = List.copyOf(patches);
        notes = List.copyOf(notes);
        if (baseCommit == null) {
            throw new IllegalArgumentException("baseCommit must not be null; use Optional.empty()");
        }
    }
}
