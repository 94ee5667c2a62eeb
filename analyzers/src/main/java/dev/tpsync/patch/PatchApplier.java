package dev.tpsync.patch;

import dev.tpsync.input.InputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies a patch to file contents in memory, like {@code git apply} without fuzz: each hunk
 * must match its context exactly, first where the header says (shifted by earlier hunks),
 * then at the nearest other offset. Anything that does not fit is an {@link InputException}
 * that names the patch, file, hunk and line and suggests {@code --base} or {@code --no-tree}.
 */
public final class PatchApplier {

    private PatchApplier() {
    }

    public static AppliedPatch apply(Patch patch, FileSource base) {
        Map<String, Optional<String>> before = new LinkedHashMap<>();
        Map<String, Optional<String>> after = new LinkedHashMap<>();
        Map<String, String> renamedFrom = new LinkedHashMap<>();
        Map<String, String> copiedFrom = new LinkedHashMap<>();
        List<String> binary = new ArrayList<>();
        FileSource current = path -> after.containsKey(path) ? after.get(path) : base.read(path);
        for (FilePatch fp : patch.files()) {
            // A symbolic link or a submodule is no C file; a binary file is one the review
            // cannot read after the patch, which it is told.
            if (fp.content() != FilePatch.Content.TEXT) {
                if (fp.binary()) {
                    binary.add(fp.path());
                }
                continue;
            }
            switch (fp.type()) {
                case ADD -> {
                    if (current.read(fp.newPath()).isPresent()) {
                        throw fail(patch, fp.newPath() + " already exists but the patch creates it");
                    }
                    before.putIfAbsent(fp.newPath(), Optional.empty());
                    after.put(fp.newPath(), Optional.of(applyHunks(patch, fp, "")));
                }
                case DELETE -> {
                    String old = current.read(fp.oldPath()).orElseThrow(
                            () -> fail(patch, fp.oldPath() + " does not exist but the patch deletes it"));
                    applyHunks(patch, fp, old); // checks that the removed lines are there
                    before.putIfAbsent(fp.oldPath(), Optional.of(old));
                    after.put(fp.oldPath(), Optional.empty());
                }
                case MODIFY -> {
                    String old = current.read(fp.newPath()).orElseThrow(
                            () -> fail(patch, fp.newPath() + " does not exist but the patch modifies it"));
                    before.putIfAbsent(fp.newPath(), Optional.of(old));
                    after.put(fp.newPath(), Optional.of(applyHunks(patch, fp, old)));
                }
                case RENAME, COPY -> {
                    String verb = fp.type() == ChangeType.RENAME ? "renames" : "copies";
                    String old = current.read(fp.oldPath()).orElseThrow(() -> fail(patch,
                            fp.oldPath() + " does not exist but the patch " + verb + " it to " + fp.newPath()));
                    if (current.read(fp.newPath()).isPresent()) {
                        throw fail(patch, fp.newPath() + " already exists but the patch " + verb + " "
                                + fp.oldPath() + " to it");
                    }
                    String content = applyHunks(patch, fp, old);
                    before.putIfAbsent(fp.oldPath(), Optional.of(old));
                    before.putIfAbsent(fp.newPath(), Optional.empty());
                    if (fp.type() == ChangeType.RENAME) {
                        after.put(fp.oldPath(), Optional.empty());
                        renamedFrom.put(fp.newPath(), fp.oldPath());
                    } else {
                        copiedFrom.put(fp.newPath(), fp.oldPath());
                    }
                    after.put(fp.newPath(), Optional.of(content));
                }
                default -> throw new IllegalStateException("unknown change type " + fp.type());
            }
        }
        return new AppliedPatch(patch, before, after, renamedFrom, copiedFrom, binary);
    }

    private static InputException fail(Patch patch, String what) {
        return new PatchDoesNotApply(patch, what);
    }

    /** Applies the hunks of {@code fp} to {@code content}; returns the new content. */
    static String applyHunks(Patch patch, FilePatch fp, String content) {
        List<String> lines = new ArrayList<>(Arrays.asList(content.split("\n", -1)));
        boolean finalNewline = true;
        if (lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        } else {
            finalNewline = false;
        }
        List<String> out = new ArrayList<>();
        int consumed = 0;
        int offset = 0;
        for (int k = 0; k < fp.hunks().size(); k++) {
            Hunk h = fp.hunks().get(k);
            List<HunkLine> oldSide = h.oldLines();
            List<HunkLine> newSide = h.newLines();
            int expected = (h.oldCount() == 0 ? h.oldStart() : h.oldStart() - 1);
            int at = find(lines, oldSide, expected + offset, consumed, finalNewline);
            if (at < 0) {
                throw fail(patch, fp.path() + " hunk #" + (k + 1) + " at line " + h.oldStart() + ": context does not match");
            }
            out.addAll(lines.subList(consumed, at));
            for (HunkLine l : newSide) {
                out.add(l.text());
            }
            consumed = at + oldSide.size();
            offset = at - expected;
            if (consumed == lines.size()) {
                finalNewline = newSide.isEmpty() || !newSide.get(newSide.size() - 1).noNewlineAtEnd();
            }
        }
        out.addAll(lines.subList(consumed, lines.size()));
        if (out.isEmpty()) {
            return "";
        }
        return String.join("\n", out) + (finalNewline ? "\n" : "");
    }

    /** Where {@code oldSide} matches exactly, nearest to {@code want} and not before {@code from}; -1 if nowhere. */
    private static int find(List<String> lines, List<HunkLine> oldSide, int want, int from, boolean finalNewline) {
        int last = lines.size() - oldSide.size();
        if (last < from) {
            return -1;
        }
        boolean mustEndAtEof = !oldSide.isEmpty() && oldSide.get(oldSide.size() - 1).noNewlineAtEnd();
        int start = Math.max(from, Math.min(want, last));
        for (int d = 0; start - d >= from || start + d <= last; d++) {
            if (start - d >= from && matches(lines, oldSide, start - d, mustEndAtEof, finalNewline)) {
                return start - d;
            }
            if (d > 0 && start + d <= last && matches(lines, oldSide, start + d, mustEndAtEof, finalNewline)) {
                return start + d;
            }
        }
        return -1;
    }

    private static boolean matches(List<String> lines, List<HunkLine> oldSide, int at, boolean mustEndAtEof,
                                   boolean finalNewline) {
        if (mustEndAtEof && (at + oldSide.size() != lines.size() || finalNewline)) {
            return false;
        }
        for (int i = 0; i < oldSide.size(); i++) {
            if (!lines.get(at + i).equals(oldSide.get(i).text())) {
                return false;
            }
        }
        return true;
    }
}
