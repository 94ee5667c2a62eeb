package dev.tpsync.cli.format;

import dev.tpsync.patch.ChangeType;
import dev.tpsync.patch.FilePatch;
import dev.tpsync.patch.UnifiedDiffParser;
import dev.tpsync.report.PatchReport;
import dev.tpsync.report.Report;
import dev.tpsync.rules.spi.EvidenceHop;
import dev.tpsync.rules.spi.Finding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where the findings a review's patches introduced sit after the whole series. A patch's
 * findings are placed in the file as that patch leaves it, which is right for a reply to the
 * patch; annotations on a pull request or code scanning results are placed on its head, where
 * the patches after it may have moved the line (or renamed the file). A line a later patch
 * removes goes where that patch's new text stands.
 */
final class HeadLines {

    private final List<PatchReport> patches;
    /** The diffs of the patches by position, parsed when a finding needs them. */
    private final Map<Integer, List<FilePatch>> parsed = new HashMap<>();

    private HeadLines(List<PatchReport> patches) {
        this.patches = List.copyOf(patches);
    }

    static HeadLines of(Report report) {
        return new HeadLines(report.patches());
    }

    /**
     * {@code finding}, introduced by the patch at {@code position} (0-based), as the head shows
     * it, and the later patch that resolved it, if one did. Its line, and the lines of its
     * evidence chain, carried through the later patches (a code flow that starts three lines off
     * misleads as much as a finding does). One a later patch resolved is shown in its file
     * without a line (the code at its old line is other code now, or the patch that resolved it
     * changed it), and nowhere when a later patch deleted the file. So is one whose line a later
     * patch removed without adding it again where it can be told (in the file, or once in another
     * file of that patch): the nearest line would be other code.
     */
    Shown shown(int position, Finding finding) {
        Optional<PatchReport> resolvedBy = resolvedAfter(position, finding);
        Followed at = follow(position, new Place(finding.file(), finding.line()), finding.function(), true);
        if (resolvedBy.isPresent() && at.deleted()) {
            return new Shown(Optional.empty(), resolvedBy, Optional.empty());
        }
        List<EvidenceHop> evidence = finding.evidence().stream().map(hop -> {
            Place hopAt = follow(position, new Place(hop.file(), hop.line()), hop.function(), false).place();
            return hopAt.equals(new Place(hop.file(), hop.line())) ? hop
                : new EvidenceHop(hopAt.file(), hopAt.line(), hop.function(), hop.note());
        }).toList();
        Place place = resolvedBy.isPresent() ? new Place(at.place().file(), 0) : at.place();
        Finding moved = place.equals(new Place(finding.file(), finding.line())) ? finding
            : finding.at(place.file(), place.line());
        return new Shown(Optional.of(evidence.equals(finding.evidence()) ? moved : moved.withEvidence(evidence)),
            resolvedBy, resolvedBy.isPresent() ? Optional.empty() : at.lostBy().map(patches::get));
    }

    /**
     * A finding as the head shows it: where (empty when a later patch resolved it by deleting
     * its file), the later patch that resolved it, and the later patch that removed its line
     * where the code cannot be followed (then it is shown on its file without a line).
     */
    record Shown(Optional<Finding> finding, Optional<PatchReport> resolvedBy, Optional<PatchReport> lineLostBy) {

        /**
         * Why {@code original}, introduced by {@code patch}, is on no line of the head, when it
         * is not: where it was, and which patch resolved it or removed its line.
         */
        Optional<String> noLine(PatchReport patch, Finding original) {
            String was = "introduced by " + patch.label() + " at " + original.file() + ":" + original.line();
            if (resolvedBy.isPresent()) {
                return Optional.of(was + ", resolved by " + resolvedBy.get().label()
                    + ": the commits between do not bisect cleanly");
            }
            return lineLostBy.map(p -> was + ", whose line " + p.label()
                + " removed: where its code stands now is not clear");
        }
    }

    /** A line of a file. */
    private record Place(String file, int line) {
    }

    /**
     * Where a place stands after the later patches, whether one of them deletes its file, and
     * the position of the one that removed its line without a place to follow it to.
     */
    private record Followed(Place place, boolean deleted, Optional<Integer> lostBy) {
    }

    /**
     * {@code place}, in the tree the patch at {@code position} leaves, carried through the
     * patches after it (their hunks and renames; a file-level place, line 0, stays as it is); and
     * whether one of them deletes its file (followed through renames). A line a patch removes is
     * followed to where that patch adds it again, in the file or once in another of its files;
     * failing that, when {@code strict}, the place becomes its file (line 0), else the nearest
     * line of the hunk's new text (an evidence hop: a code flow's step needs a line).
     */
    private Followed follow(int position, Place place, String function, boolean strict) {
        String file = place.file();
        int line = place.line();
        boolean deleted = false;
        Optional<Integer> lostBy = Optional.empty();
        for (int later = position + 1; later < patches.size(); later++) {
            List<FilePatch> diffs = diffsOf(later);
            for (FilePatch fp : diffs) {
                if (!fp.oldPath().equals(file) || fp.type() == ChangeType.COPY) {
                    continue;
                }
                // Where the patch adds the removed line in another of its files, when once.
                Optional<Place> elsewhere = line > 0 && (fp.type() == ChangeType.DELETE || fp.followed(line).isEmpty())
                    ? fp.removedText(line).flatMap(text -> addedOnceElsewhere(diffs, fp, text, function))
                    : Optional.empty();
                if (elsewhere.isPresent()) {
                    // Its function moved to another file (as the file went, or not).
                    file = elsewhere.get().file();
                    line = elsewhere.get().line();
                    break;
                }
                if (fp.type() == ChangeType.DELETE) {
                    // A file added again under the name is followed on, as the finding may be in it.
                    deleted = true;
                    continue;
                }
                file = fp.newPath();
                if (line > 0) {
                    OptionalInt after = fp.followed(line);
                    if (after.isPresent()) {
                        line = after.getAsInt();
                    } else if (strict) {
                        line = 0;
                        lostBy = Optional.of(later);
                    } else {
                        line = fp.lineAfter(line);
                    }
                }
                break;
            }
        }
        return new Followed(new Place(file, line), deleted, lostBy);
    }

    /**
     * Where the one line that starts with {@code text} stands among the lines that the files of
     * {@code diffs} other than {@code from} add, in files that add a line naming {@code function}
     * (it moved there); none when no line or several do, or when {@code text} has no letter (a
     * lone brace says nothing of where its code went).
     */
    private static Optional<Place> addedOnceElsewhere(List<FilePatch> diffs, FilePatch from, String text,
                                                     String function) {
        if (text.chars().noneMatch(Character::isLetter)) {
            return Optional.empty();
        }
        List<Place> found = new ArrayList<>();
        for (FilePatch other : diffs) {
            // Only where its function went: the same statement added to another function is other code.
            if (other != from && other.type() != ChangeType.DELETE
                && (function.isEmpty() || other.addsLineContaining(function + "("))) {
                other.linesAdding(text).forEach(line -> found.add(new Place(other.newPath(), line)));
            }
        }
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    /**
     * The later patch that resolves {@code finding} (by its fingerprint), introduced by the
     * patch at {@code position}: the series fixes it before its head, but the commits between do
     * not bisect cleanly, which is why it is still reported.
     */
    private Optional<PatchReport> resolvedAfter(int position, Finding finding) {
        for (int later = position + 1; later < patches.size(); later++) {
            PatchReport p = patches.get(later);
            if (p.resolved().stream().anyMatch(r -> r.fingerprint().equals(finding.fingerprint()))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private List<FilePatch> diffsOf(int position) {
        return parsed.computeIfAbsent(position, p -> {
            String text = patches.get(p).diffText();
            return text.isEmpty() ? List.of() : UnifiedDiffParser.parse(text);
        });
    }
}
