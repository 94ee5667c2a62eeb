package dev.tpsync.patch;

import java.util.List;

/** One {@code @@ -oldStart,oldCount +newStart,newCount @@ sectionHeading} block and its lines. */
public record Hunk(int oldStart, int oldCount, int newStart, int newCount, String sectionHeading,
                   List<HunkLine> lines) {

    public Hunk {
        lines = List.copyOf(lines);
        sectionHeading = sectionHeading == null ? "" : sectionHeading;
    }

    /** The lines the hunk expects in the file before the change (context and removed). */
    public List<HunkLine> oldLines() {
        return lines.stream().filter(HunkLine::inOld).toList();
    }

    /** The lines the hunk leaves in the file (context and added). */
    public List<HunkLine> newLines() {
        return lines.stream().filter(HunkLine::inNew).toList();
    }

    /** The header as it appears in the diff, for messages. */
    public String header() {
        return "@@ -" + oldStart + "," + oldCount + " +" + newStart + "," + newCount + " @@";
    }
}
