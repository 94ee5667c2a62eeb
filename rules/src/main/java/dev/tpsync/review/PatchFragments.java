package dev.tpsync.review;

import dev.tpsync.patch.FilePatch;
import dev.tpsync.patch.FileSource;
import dev.tpsync.patch.Hunk;
import dev.tpsync.patch.HunkLine;
import dev.tpsync.patch.Patch;
import dev.tpsync.source.SourceTree;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * For --no-tree review: what a patch itself shows of each C file, before and after, as text
 * the structure pass can read. A hunk inside a function is wrapped in that function (its
 * name comes from the hunk's section heading); a hunk of backslash-continued lines is a macro
 * body, and one that runs tracepoint probes (__DO_TRACE_CALL, it_func) is __DO_TRACE wherever
 * it lands. Line numbers are kept: each hunk is padded to start at its real line.
 */
public final class PatchFragments {

    private PatchFragments() {
    }

    /** Path to reconstructed text, of the pre-image ({@code after == false}) or the post-image. */
    public static Map<String, String> of(Patch patch, boolean after) {
        Map<String, String> out = new LinkedHashMap<>();
        for (FilePatch fp : patch.files()) {
            String path = after ? fp.newPath() : fp.oldPath();
            if (fp.content() != FilePatch.Content.TEXT || !SourceTree.isSource(path) || path.equals(FilePatch.DEV_NULL)) {
                continue;
            }
            out.put(path, render(fp, after));
        }
        return out;
    }

    /** What a series' patches show of each file after them: a later patch's post-image wins. */
    public static FileSource shownAfter(List<Patch> patches) {
        Map<String, String> shown = new LinkedHashMap<>();
        patches.forEach(p -> shown.putAll(of(p, true)));
        return FileSource.of(shown);
    }

    private static String render(FilePatch fp, boolean after) {
        StringBuilder text = new StringBuilder();
        int line = 1;
        int hunkNumber = 0;
        for (Hunk h : fp.hunks()) {
            hunkNumber++;
            int start = after ? h.newStart() : h.oldStart();
            StringBuilder body = new StringBuilder();
            int bodyLines = 0;
            int continued = 0;
            for (HunkLine l : h.lines()) {
                if (l.kind() == ' ' || (after ? l.kind() == '+' : l.kind() == '-')) {
                    body.append(l.text()).append('\n');
                    bodyLines++;
                    if (l.text().endsWith("\\")) {
                        continued++;
                    }
                }
            }
            String opener = opener(h, body.toString(), continued * 2 > bodyLines, hunkNumber);
            // Pad so the hunk's first line keeps its real number; the opener takes the line before.
            while (line < start - 1) {
                text.append('\n');
                line++;
            }
            text.append(opener).append('\n');
            line++;
            text.append(body);
            line += bodyLines;
            String closer = closer(opener);
            text.append(closer).append('\n');
            line++;
        }
        return text.toString();
    }

    private static String opener(Hunk h, String body, boolean macroBody, int n) {
        if (macroBody) {
            if (body.contains("#define")) {
                return "";
            }
            boolean runsProbes = body.contains("__DO_TRACE_CALL") || body.contains("it_func");
            if (runsProbes) {
                return body.contains("rcuidle") ? "#define __DO_TRACE(name, args, cond, rcuidle) \\"
                    : "#define __DO_TRACE(name, args, cond) \\";
            }
            return "#define __tpsync_hunk_" + n + "(...) \\";
        }
        String heading = h.sectionHeading().strip();
        if (!heading.isEmpty() && heading.contains("(") && !heading.endsWith(";") && !heading.startsWith("#")
            && !heading.contains("=") && !body.contains(heading)) {
            return heading + " {";
        }
        return "";
    }

    private static String closer(String opener) {
        return opener.endsWith("{") ? "}" : "";
    }
}
