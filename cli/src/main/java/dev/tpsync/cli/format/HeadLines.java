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
     * {@code finding}, introduced by the patch at {@code position} (0-based), as the last patch
     * leaves it: its line, and the lines of its evidence chain, which later patches may have
     * moved too (a code flow that starts three lines off misleads as much as a finding does).
     */
    Finding atHead(int position, Finding finding) {
        Place at = placeAtHead(position, new Place(finding.file(), finding.line()));
        List<EvidenceHop> evidence = finding.evidence().stream().map(hop -> {
            Place hopAt = placeAtHead(position, new Place(hop.file(), hop.line()));
            return hopAt.equals(new Place(hop.file(), hop.line())) ? hop
                : new EvidenceHop(hopAt.file(), hopAt.line(), hop.function(), hop.note());
        }).toList();
        Finding moved = at.equals(new Place(finding.file(), finding.line())) ? finding
            : finding.at(at.file(), at.line());
        return evidence.equals(finding.evidence()) ? moved : moved.withEvidence(evidence);
    }

    /**
     * Where a finding a later patch resolves is shown on the head: in its file, without a line
     * (the code at its old line is other code now, or the patch that resolved it changed it);
     * empty when a later patch deleted the file. Its evidence is carried as for any finding.
     */
    Optional<Finding> resolvedAtHead(int position, Finding finding) {
        if (deletedLater(position, finding.file())) {
            return Optional.empty();
        }
        Finding placed = atHead(position, finding);
        return Optional.of(placed.at(placed.file(), 0));
    }

    /** Whether a patch after the one at {@code position} deletes {@code file} (followed through renames). */
    private boolean deletedLater(int position, String file) {
        String name = file;
        for (int later = position + 1; later < patches.size(); later++) {
            for (FilePatch fp : diffsOf(later)) {
                if (!fp.oldPath().equals(name) || fp.type() == ChangeType.COPY) {
                    continue;
                }
                if (fp.type() == ChangeType.DELETE) {
                    return true;
                }
                name = fp.newPath();
                break;
            }
        }
        return false;
    }

    /** A line of a file. */
    private record Place(String file, int line) {
    }

    /** {@code place}, in the tree the patch at {@code position} leaves, carried through the patches after it. */
    private Place placeAtHead(int position, Place place) {
        String file = place.file();
        int line = place.line();
        for (int later = position + 1; later < patches.size() && line > 0; later++) {
            for (FilePatch fp : diffsOf(later)) {
                if (!fp.oldPath().equals(file) || fp.type() == ChangeType.DELETE || fp.type() == ChangeType.COPY) {
                    continue;
                }
                line = fp.lineAfter(line);
                file = fp.newPath();
                break;
            }
        }
        return new Place(file, line);
    }

    /**
     * The later patch that resolves {@code finding} (by its fingerprint), introduced by the
     * patch at {@code position}: the series fixes it before its head, but the commits between do
     * not bisect cleanly, which is why it is still reported.
     */
    Optional<PatchReport> resolvedAfter(int position, Finding finding) {
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
