package dev.tpsync.cli.format;

import dev.tpsync.patch.ChangeType;
import dev.tpsync.patch.FilePatch;
import dev.tpsync.patch.UnifiedDiffParser;
import dev.tpsync.report.PatchReport;
import dev.tpsync.report.Report;
import dev.tpsync.rules.spi.EvidenceHop;
import dev.tpsync.rules.spi.Finding;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
     * changed it), and nowhere when a later patch deleted the file.
     */
    Shown shown(int position, Finding finding) {
        Optional<PatchReport> resolvedBy = resolvedAfter(position, finding);
        Followed at = follow(position, new Place(finding.file(), finding.line()));
        if (resolvedBy.isPresent() && at.deleted()) {
            return new Shown(Optional.empty(), resolvedBy);
        }
        List<EvidenceHop> evidence = finding.evidence().stream().map(hop -> {
            Place hopAt = follow(position, new Place(hop.file(), hop.line())).place();
            return hopAt.equals(new Place(hop.file(), hop.line())) ? hop
                : new EvidenceHop(hopAt.file(), hopAt.line(), hop.function(), hop.note());
        }).toList();
        Place place = resolvedBy.isPresent() ? new Place(at.place().file(), 0) : at.place();
        Finding moved = place.equals(new Place(finding.file(), finding.line())) ? finding
            : finding.at(place.file(), place.line());
        return new Shown(Optional.of(evidence.equals(finding.evidence()) ? moved : moved.withEvidence(evidence)),
            resolvedBy);
    }

    /**
     * A finding as the head shows it: where (empty when a later patch resolved it by deleting
     * its file), and the later patch that resolved it.
     */
    record Shown(Optional<Finding> finding, Optional<PatchReport> resolvedBy) {

        /**
         * Where {@code original}, introduced by {@code patch}, was and which patch resolved it,
         * when one did: the text that says why it is shown on no line of the head.
         */
        Optional<String> resolvedLater(PatchReport patch, Finding original) {
            return resolvedBy.map(fix -> "introduced by " + patch.label() + " at " + original.file() + ":"
                + original.line() + ", resolved by " + fix.label() + ": the commits between do not bisect cleanly");
        }
    }

    /** A line of a file. */
    private record Place(String file, int line) {
    }

    /** Where a place stands after the later patches, and whether one of them deletes its file. */
    private record Followed(Place place, boolean deleted) {
    }

    /**
     * {@code place}, in the tree the patch at {@code position} leaves, carried through the
     * patches after it (their hunks and renames; a file-level place, line 0, stays as it is); and
     * whether one of them deletes its file (followed through renames).
     */
    private Followed follow(int position, Place place) {
        String name = place.file();
        String file = place.file();
        int line = place.line();
        boolean deleted = false;
        for (int later = position + 1; later < patches.size(); later++) {
            for (FilePatch fp : diffsOf(later)) {
                if (!fp.oldPath().equals(name) || fp.type() == ChangeType.COPY) {
                    continue;
                }
                if (fp.type() == ChangeType.DELETE) {
                    // A file added again under the name is followed on, as the finding may be in it.
                    deleted = true;
                    continue;
                }
                if (line > 0) {
                    line = fp.lineAfter(line);
                    file = fp.newPath();
                }
                name = fp.newPath();
                break;
            }
        }
        return new Followed(new Place(file, line), deleted);
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
