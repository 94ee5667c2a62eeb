package dev.tpsync.patch;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The change a diff makes to one file. Paths are repository-relative without the
 * {@code a/}/{@code b/} prefixes; the side that does not exist (the old side of an added
 * file, the new side of a deleted one) is {@link #DEV_NULL}. Only a {@link Content#TEXT} change
 * carries hunks.
 */
public record FilePatch(String oldPath, String newPath, ChangeType type, Content content, List<Hunk> hunks) {

    public static final String DEV_NULL = "/dev/null";

    /** What the diff changes at the path. */
    public enum Content {
        /** A file's lines, in hunks. */
        TEXT,
        /** A file's bytes, which the diff does not give as lines: they cannot be applied. */
        BINARY,
        /**
         * A symbolic link's target or a submodule's commit: a name of another object, never C
         * (its "hunk" is that name). A tree's C files are its regular files, so this changes none.
         */
        REFERENCE
    }

    public FilePatch {
        if (oldPath == null || newPath == null || type == null || content == null) {
            throw new IllegalArgumentException("oldPath, newPath, type and content are required");
        }
        hunks = List.copyOf(hunks);
    }

    /** Whether the change is to a file's bytes that the diff does not give as lines. */
    public boolean binary() {
        return content == Content.BINARY;
    }

    /** The path this change is about: the new path, or the old one for a deletion. */
    public String path() {
        return type == ChangeType.DELETE ? oldPath : newPath;
    }

    /**
     * Where line {@code line} (1-based) of the file before this change is after it: shifted by
     * the hunks above it; a line the change removes is where the change adds it again (moved,
     * or the same code with something more), else where its hunk's new text stands (the
     * nearest line that is there), never before line 1.
     */
    public int lineAfter(int line) {
        return place(line, true).orElseThrow();
    }

    /**
     * Where line {@code line} of the file before this change is after it, as {@link #lineAfter}
     * says, but none for a line the change removes and does not add again in this file: the code
     * that stood there is gone from here, and the nearest line is other code.
     */
    public OptionalInt followed(int line) {
        return place(line, false);
    }

    /** The text of old line {@code line} (stripped) when this change removes it. */
    public Optional<String> removedText(int line) {
        for (Hunk h : hunks) {
            int oldAt = h.oldStart();
            for (HunkLine l : h.lines()) {
                if (l.kind() == '+') {
                    continue;
                }
                if (oldAt == line) {
                    return l.kind() == '-' ? Optional.of(l.text().strip()) : Optional.empty();
                }
                oldAt++;
            }
        }
        return Optional.empty();
    }

    private OptionalInt place(int line, boolean nearest) {
        int delta = 0;
        for (Hunk h : hunks) {
            if (h.oldCount() == 0) {
                // Lines added after old line oldStart (0: at the top): that line itself stays put.
                if (line <= h.oldStart()) {
                    break;
                }
                delta += h.newCount();
                continue;
            }
            if (line < h.oldStart()) {
                break;
            }
            if (line >= h.oldStart() + h.oldCount()) {
                delta += h.newCount() - h.oldCount();
                continue;
            }
            OptionalInt at = inHunk(h, line, nearest);
            return at.isPresent() ? OptionalInt.of(Math.max(1, at.getAsInt())) : at;
        }
        return OptionalInt.of(Math.max(1, line + delta));
    }

    /**
     * Where old line {@code line}, inside hunk {@code h}, is after it: a context line where it
     * stands; a removed line where the hunk adds it again, once, with something more (the same
     * code with a comment, say), else where another hunk does (a statement moved further down),
     * or failing both, where the hunk's new text stands when {@code nearest}, else none.
     */
    private OptionalInt inHunk(Hunk h, int line, boolean nearest) {
        List<HunkLine> lines = h.lines();
        int[] newLineOf = new int[lines.size()];
        int removed = -1;
        int oldAt = h.oldStart();
        int newAt = h.newStart();
        for (int k = 0; k < lines.size(); k++) {
            HunkLine l = lines.get(k);
            newLineOf[k] = newAt;
            if (l.kind() == '+') {
                newAt++;
                continue;
            }
            if (oldAt == line) {
                if (l.kind() == ' ') {
                    return OptionalInt.of(newAt);
                }
                removed = k;
            }
            oldAt++;
            if (l.kind() == ' ') {
                newAt++;
            }
        }
        String was = removed < 0 ? "" : lines.get(removed).text().strip();
        int again = -1;
        for (int k = 0; k < lines.size() && !was.isEmpty(); k++) {
            if (lines.get(k).kind() == '+' && lines.get(k).text().strip().startsWith(was)) {
                if (again >= 0) {
                    // Added again twice here (on two paths): neither is the one that was.
                    return nearest ? OptionalInt.of(newLineOf[removed]) : OptionalInt.empty();
                }
                again = k;
            }
        }
        if (again >= 0) {
            return OptionalInt.of(newLineOf[again]);
        }
        OptionalInt moved = was.isEmpty() ? OptionalInt.empty() : addedOnce(was);
        if (moved.isPresent() || !nearest) {
            return moved;
        }
        int at = removed < 0 ? h.newStart() : newLineOf[removed];
        return OptionalInt.of(Math.min(at, h.newStart() + Math.max(h.newCount(), 1) - 1));
    }

    /**
     * The new line number of the one line this change adds that starts with {@code text}
     * (stripped); none when no line or several do (a common statement re-added in two places
     * names neither), or when {@code text} is empty.
     */
    public OptionalInt addedOnce(String text) {
        List<Integer> at = linesAdding(text);
        return at.size() == 1 ? OptionalInt.of(at.get(0)) : OptionalInt.empty();
    }

    /** The new line numbers of the lines this change adds that start with {@code text} (stripped); none for "". */
    public List<Integer> linesAdding(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        List<Integer> out = new ArrayList<>();
        for (Hunk h : hunks) {
            int newAt = h.newStart();
            for (HunkLine l : h.lines()) {
                if (l.kind() == '+' && l.text().strip().startsWith(text)) {
                    out.add(newAt);
                }
                if (l.kind() == '+' || l.kind() == ' ') {
                    newAt++;
                }
            }
        }
        return out;
    }

    /** Whether this change adds a line that contains {@code text}. */
    public boolean addsLineContaining(String text) {
        return hunks.stream().flatMap(h -> h.lines().stream())
            .anyMatch(l -> l.kind() == '+' && l.text().contains(text));
    }

    public int addedLines() {
        return (int) hunks.stream().flatMap(h -> h.lines().stream()).filter(l -> l.kind() == '+').count();
    }

    public int removedLines() {
        return (int) hunks.stream().flatMap(h -> h.lines().stream()).filter(l -> l.kind() == '-').count();
    }
}
