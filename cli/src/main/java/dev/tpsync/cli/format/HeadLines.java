package dev.tpsync.cli.format;

import dev.tpsync.patch.ChangeType;
import dev.tpsync.patch.FilePatch;
import dev.tpsync.patch.UnifiedDiffParser;
import dev.tpsync.report.PatchReport;
import dev.tpsync.report.Report;
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

    /** {@code finding}, introduced by the patch at {@code position} (0-based), as the last patch leaves it. */
    Finding atHead(int position, Finding finding) {
        String file = finding.file();
        int line = finding.line();
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
        return file.equals(finding.file()) && line == finding.line() ? finding : finding.at(file, line);
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
