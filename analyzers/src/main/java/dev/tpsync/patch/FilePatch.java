package dev.tpsync.patch;

import java.util.List;

/**
 * The change a diff makes to one file. Paths are repository-relative without the
 * {@code a/}/{@code b/} prefixes; the side that does not exist (the old side of an added
 * file, the new side of a deleted one) is {@link #DEV_NULL}. Binary changes carry no hunks.
 */
public record FilePatch(String oldPath, String newPath, ChangeType type, boolean binary, List<Hunk> hunks) {

    public static final String DEV_NULL = "/dev/null";

    public FilePatch {
        if (oldPath == null || newPath == null || type == null) {
            throw new IllegalArgumentException("oldPath, newPath and type are required");
        }
        hunks = List.copyOf(hunks);
    }

    /** The path this change is about: the new path, or the old one for a deletion. */
    public String path() {
        return type == ChangeType.DELETE ? oldPath : newPath;
    }

    public int addedLines() {
        return (int) hunks.stream().flatMap(h -> h.lines().stream()).filter(l -> l.kind() == '+').count();
    }

    public int removedLines() {
        return (int) hunks.stream().flatMap(h -> h.lines().stream()).filter(l -> l.kind() == '-').count();
    }
}
