package dev.tpsync.cli.review;

import dev.tpsync.patch.FileSource;
import dev.tpsync.report.PatchReport;
import dev.tpsync.report.Report;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A series reviewed: the report, and each file as the series leaves it, where suppression
 * comments on the findings it introduced are read.
 */
public record AppliedReview(Report report, FileSource finalFiles) {

    /**
     * The reviews of a range's lines of descent (GitRepo#linesOf), each applied onto its own
     * base, as one review of the range: the patches in their places in the range, the notes
     * once each ({@code notes} first), and each file as the last line to touch it leaves it.
     */
    public static AppliedReview ofLines(List<AppliedReview> lines, List<String> inputs, List<String> notes) {
        List<PatchReport> patches = new ArrayList<>();
        Set<String> allNotes = new LinkedHashSet<>(notes);
        List<FileSource> laterFirst = new ArrayList<>();
        for (AppliedReview line : lines) {
            patches.addAll(line.report().patches());
            allNotes.addAll(line.report().notes());
            laterFirst.add(line.finalFiles());
        }
        patches.sort(Comparator.comparingInt(PatchReport::index));
        Collections.reverse(laterFirst);
        FileSource files = path -> laterFirst.stream().map(f -> f.read(path)).flatMap(Optional::stream).findFirst();
        Report last = lines.get(lines.size() - 1).report();
        return new AppliedReview(new Report(last.mode(), inputs, last.rules(), List.of(), patches, List.of(),
            new ArrayList<>(allNotes)), files);
    }
}
