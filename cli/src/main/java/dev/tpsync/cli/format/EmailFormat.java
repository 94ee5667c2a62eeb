package dev.tpsync.cli.format;

import dev.tpsync.report.PatchReport;
import dev.tpsync.report.Report;
import dev.tpsync.rules.spi.EvidenceHop;
import dev.tpsync.rules.spi.Finding;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A review the way it is written on LKML: per patch, a reply with {@code Re:} subject and
 * threading headers, quoting with {@code > } only the hunks that get a comment, trimmed to
 * a few lines before the commented line, with the comment written unquoted right under it.
 * Patches without findings get no reply. A scan has no patch to reply to, so it becomes a
 * plain-text report to paste into a mail.
 */
final class EmailFormat implements OutputFormat {

    /** How many lines before a commented line stay quoted; the rest become "> [...]". */
    static final int CONTEXT_BEFORE = 3;
    private static final int WIDTH = 72;
    private static final String ELIDED = "> [...]";

    @Override
    public String name() {
        return "email";
    }

    @Override
    public void write(Report report, FormatOptions options, Writer out) throws IOException {
        List<String> trailer = new ArrayList<>();
        boolean wroteSomething = false;
        if (report.isReview()) {
            for (PatchReport patch : report.patches()) {
                if (patch.introduced().isEmpty()) {
                    trailer.add("no comments: " + patch.mailLabel());
                    continue;
                }
                if (wroteSomething) {
                    out.write("\n");
                }
                out.write(reply(patch));
                wroteSomething = true;
            }
        } else {
            for (Finding finding : report.findings()) {
                if (wroteSomething) {
                    out.write("\n");
                }
                out.write(plain(finding));
                wroteSomething = true;
            }
        }
        report.notes().forEach(n -> trailer.add("note: " + n));
        trailer.add(Tally.of(report).line());
        if (wroteSomething) {
            out.write("\n");
        }
        for (String line : trailer) {
            out.write(line + "\n");
        }
    }

    // ---- review: one reply per patch ----

    private static String reply(PatchReport patch) {
        StringBuilder mail = new StringBuilder();
        mail.append(header("Subject", "Re: " + patch.mailLabel()));
        if (!patch.messageId().isEmpty()) {
            String id = angleBracketed(patch.messageId());
            mail.append("In-Reply-To: ").append(id).append('\n');
            // The patch's own References, then the patch (RFC 5322 3.6.4): the reply sits under
            // the patch in the series' thread, which starts at the cover letter. Folded one id
            // per line, as mail agents write long ones.
            List<String> thread = new ArrayList<>();
            patch.references().forEach(r -> thread.add(angleBracketed(r)));
            thread.add(id);
            mail.append("References: ").append(String.join("\n ", thread)).append('\n');
        }
        // The body quotes the patch and names its author as they are, in UTF-8 (as git send-email says).
        mail.append("MIME-Version: 1.0\n");
        mail.append("Content-Type: text/plain; charset=UTF-8\n");
        mail.append("Content-Transfer-Encoding: 8bit\n");
        mail.append('\n');
        mail.append(patch.author().isEmpty() ? "The patch" : patch.author()).append(" wrote:\n");

        Quote quote = new Quote(mail);
        List<FileDiff> files = Diff.parse(patch.diffText());
        Map<FileDiff, List<Finding>> outside = new LinkedHashMap<>();
        Map<String, List<Finding>> notInDiff = new LinkedHashMap<>();
        Map<FileDiff, Map<Integer, Map<Integer, List<Finding>>>> placed = new LinkedHashMap<>();
        for (FileDiff file : files) {
            placed.put(file, new TreeMap<>());
        }
        for (Finding finding : patch.introduced()) {
            Optional<FileDiff> touched = files.stream().filter(fd -> fd.path().equals(finding.file())).findFirst();
            if (touched.isEmpty()) {
                notInDiff.computeIfAbsent(finding.file(), k -> new ArrayList<>()).add(finding);
                continue;
            }
            FileDiff file = touched.get();
            Optional<Position> at = file.find(finding.line());
            if (at.isEmpty()) {
                outside.computeIfAbsent(file, k -> new ArrayList<>()).add(finding);
            } else {
                placed.get(file).computeIfAbsent(at.get().hunk(), k -> new TreeMap<>())
                    .computeIfAbsent(at.get().line(), k -> new ArrayList<>()).add(finding);
            }
        }

        for (FileDiff file : files) {
            Map<Integer, Map<Integer, List<Finding>>> byHunk = placed.get(file);
            List<Finding> rest = outside.getOrDefault(file, List.of());
            if (byHunk.isEmpty() && rest.isEmpty()) {
                quote.skip();
                continue;
            }
            file.headers().forEach(quote::line);
            for (int h = 0; h < file.hunks().size(); h++) {
                Hunk hunk = file.hunks().get(h);
                Map<Integer, List<Finding>> byLine = byHunk.get(h);
                if (byLine == null) {
                    quote.skip();
                    continue;
                }
                quote.line(hunk.header());
                int cursor = 0;
                for (Map.Entry<Integer, List<Finding>> entry : byLine.entrySet()) {
                    int at = entry.getKey();
                    int from = Math.max(cursor, at - CONTEXT_BEFORE);
                    if (from > cursor) {
                        quote.skip();
                    }
                    for (int i = from; i <= at; i++) {
                        quote.line(hunk.lines().get(i).text());
                    }
                    for (Finding finding : entry.getValue()) {
                        quote.comment(comment(finding, ""));
                    }
                    cursor = at + 1;
                }
                if (cursor < hunk.lines().size()) {
                    quote.skip();
                }
            }
            for (Finding finding : rest) {
                quote.comment(comment(finding, TextFormat.location(finding) + ", outside the hunks above:"));
            }
        }
        quote.finish();
        for (Map.Entry<String, List<Finding>> entry : notInDiff.entrySet()) {
            for (Finding finding : entry.getValue()) {
                mail.append('\n').append(comment(finding, TextFormat.location(finding)
                    + (finding.function().isEmpty() ? "" : " in " + finding.function() + "()")
                    + ", which this patch does not touch:"));
            }
        }
        if (!patch.resolved().isEmpty()) {
            mail.append("\nThis patch also resolves:\n");
            for (Finding finding : patch.resolved()) {
                mail.append("    ").append(TextFormat.location(finding)).append(": ")
                    .append(TextFormat.oneLine(finding.message())).append(" [").append(finding.ruleId()).append("]\n");
            }
        }
        return mail.toString();
    }

    /** Longest line with an encoded-word (RFC 2047 2). */
    private static final int ENCODED_LINE = 76;
    private static final String ENCODED_START = "=?UTF-8?q?";
    private static final String ENCODED_END = "?=";

    /**
     * The header line {@code name: value}; a value that is not printable ASCII is written as
     * RFC 2047 Q encoded-words of UTF-8, folded one word a line within 76 columns, as git
     * send-email writes a subject (headers are ASCII; raw UTF-8 there is what mailers mangle).
     */
    static String header(String name, String value) {
        if (value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            return name + ": " + value + "\n";
        }
        StringBuilder out = new StringBuilder(name).append(": ");
        int room = ENCODED_LINE - out.length();
        StringBuilder word = new StringBuilder();
        for (int cp : value.codePoints().toArray()) {
            String encoded = qEncoded(cp);
            // A character's bytes stay in one word: a decoder joins words, not split characters.
            if (word.length() > 0
                    && ENCODED_START.length() + word.length() + encoded.length() + ENCODED_END.length() > room) {
                out.append(ENCODED_START).append(word).append(ENCODED_END).append("\n ");
                word.setLength(0);
                room = ENCODED_LINE - 1;
            }
            word.append(encoded);
        }
        return out.append(ENCODED_START).append(word).append(ENCODED_END).append('\n').toString();
    }

    /** One character in the Q encoding (RFC 2047 4.2, 5(3)): a few ASCII ones as they are, '_' for space. */
    private static String qEncoded(int cp) {
        if (cp < 0x80 && (Character.isLetterOrDigit(cp) || "!*+-/".indexOf(cp) >= 0)) {
            return Character.toString(cp);
        }
        if (cp == ' ') {
            return "_";
        }
        StringBuilder out = new StringBuilder();
        for (byte b : Character.toString(cp).getBytes(StandardCharsets.UTF_8)) {
            out.append('=').append(String.format(Locale.ROOT, "%02X", b & 0xff));
        }
        return out.toString();
    }

    private static String angleBracketed(String messageId) {
        String id = messageId.strip();
        return id.startsWith("<") ? id : "<" + id + ">";
    }

    /** The comment under a quoted line: message and rule, the evidence chain, the suggestion. */
    private static String comment(Finding f, String lead) {
        StringBuilder text = new StringBuilder();
        if (!lead.isEmpty()) {
            text.append(lead).append('\n');
        }
        text.append(wrap(TextFormat.oneLine(f.message()) + " [" + f.ruleId() + "]", ""));
        if (!f.evidence().isEmpty()) {
            text.append('\n');
            boolean first = true;
            for (EvidenceHop hop : f.evidence()) {
                text.append("    ").append(first ? "from " : "via ").append(TextFormat.hop(hop)).append('\n');
                first = false;
            }
        }
        if (!f.suggestion().isEmpty()) {
            text.append('\n').append(wrap("Suggestion: " + TextFormat.oneLine(f.suggestion()), ""));
        }
        return text.toString();
    }

    // ---- scan: a plain report ----

    private static String plain(Finding f) {
        StringBuilder text = new StringBuilder(TextFormat.location(f));
        if (!f.function().isEmpty()) {
            text.append(", ").append(f.function()).append("()");
        }
        text.append(": ").append(f.severity().label()).append('\n');
        text.append(comment(f, ""));
        return text.toString();
    }

    /** Fills words into lines of at most 72 columns, the width mail readers expect. */
    static String wrap(String text, String indent) {
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder(indent);
        for (String word : text.split(" +")) {
            if (word.isEmpty()) {
                continue;
            }
            if (line.length() > indent.length() && line.length() + 1 + word.length() > WIDTH) {
                out.append(line).append('\n');
                line.setLength(0);
                line.append(indent);
            }
            if (line.length() > indent.length()) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > indent.length()) {
            out.append(line).append('\n');
        }
        return out.toString();
    }

    /**
     * Writes quoted lines, comments between them, and one "> [...]" for every run of skipped
     * lines (never two in a row, none before the first quote, one at the end if anything after
     * the last quoted line was left out).
     */
    private static final class Quote {
        private final StringBuilder mail;
        private boolean started;
        private boolean skipped;
        private boolean afterComment;

        Quote(StringBuilder mail) {
            this.mail = mail;
        }

        void line(String text) {
            if (skipped && started) {
                mail.append(ELIDED).append('\n');
            }
            skipped = false;
            started = true;
            afterComment = false;
            mail.append(text.isEmpty() ? ">" : "> " + text).append('\n');
        }

        void skip() {
            skipped = true;
        }

        void comment(String text) {
            if (skipped && started) {
                mail.append(ELIDED).append('\n');
                skipped = false;
                afterComment = false;
            }
            if (!afterComment) {
                mail.append('\n');
            }
            mail.append(text).append('\n');
            afterComment = true;
            started = true;
        }

        void finish() {
            if (skipped && started) {
                mail.append(ELIDED).append('\n');
            }
        }
    }

    // ---- a tiny unified-diff walker ----

    /** One line of a hunk; {@code newLine} is its line in the new file, 0 for '-' lines. */
    private record DiffLine(String text, int newLine) {
    }

    private record Hunk(String header, List<DiffLine> lines) {
    }

    /** A file's part of the diff: its header lines to quote, its path in the new tree, its hunks. */
    private record FileDiff(String path, List<String> headers, List<Hunk> hunks) {

        /** Where the '+' or ' ' line with new-file line number {@code line} is, if a hunk shows it. */
        Optional<Position> find(int line) {
            for (int h = 0; h < hunks.size(); h++) {
                List<DiffLine> lines = hunks.get(h).lines();
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).newLine() == line) {
                        return Optional.of(new Position(h, i));
                    }
                }
            }
            return Optional.empty();
        }
    }

    /** A line of a file's diff: which hunk, and which line of that hunk. */
    private record Position(int hunk, int line) {
    }

    private static final class Diff {
        private static final Pattern HUNK = Pattern.compile("^@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@.*");

        private Diff() {
        }

        static List<FileDiff> parse(String diffText) {
            List<FileDiff> files = new ArrayList<>();
            String gitLine = null;
            String path = null;
            String plusLine = null;
            List<Hunk> hunks = null;
            List<DiffLine> lines = null;
            int oldLeft = 0;
            int newLeft = 0;
            int newLine = 0;
            for (String raw : diffText.split("\n", -1)) {
                String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
                if (lines != null && (oldLeft > 0 || newLeft > 0)) {
                    // Mailers strip the space of an empty context line; an empty line inside
                    // a hunk that still expects lines is that context line.
                    char kind = line.isEmpty() ? ' ' : line.charAt(0);
                    if (kind == ' ' || kind == '+') {
                        lines.add(new DiffLine(line, newLine++));
                        newLeft--;
                        oldLeft -= kind == ' ' ? 1 : 0;
                        continue;
                    }
                    if (kind == '-') {
                        lines.add(new DiffLine(line, 0));
                        oldLeft--;
                        continue;
                    }
                    if (kind == '\\') {
                        lines.add(new DiffLine(line, 0));
                        continue;
                    }
                    // Anything else ends a truncated hunk.
                    oldLeft = 0;
                    newLeft = 0;
                }
                if (lines != null && line.startsWith("\\")) {
                    lines.add(new DiffLine(line, 0));
                    continue;
                }
                if (line.startsWith("diff --git ")) {
                    addFile(files, path, gitLine, plusLine, hunks);
                    gitLine = line;
                    path = pathFromGitLine(line);
                    plusLine = null;
                    hunks = new ArrayList<>();
                    lines = null;
                } else if (line.startsWith("+++ ") && (hunks == null || lines == null)) {
                    if (hunks == null) {
                        hunks = new ArrayList<>();
                    }
                    plusLine = line;
                    String target = line.substring(4).split("\t", 2)[0].strip();
                    if (!target.equals("/dev/null")) {
                        path = target.startsWith("b/") ? target.substring(2) : target;
                    }
                } else if (line.startsWith("--- ") && lines != null && gitLine == null) {
                    // A plain unified diff without "diff --git": "---" starts the next file.
                    addFile(files, path, null, plusLine, hunks);
                    path = null;
                    plusLine = null;
                    hunks = new ArrayList<>();
                    lines = null;
                } else if (line.startsWith("@@ ") && hunks != null) {
                    Matcher m = HUNK.matcher(line);
                    if (m.matches()) {
                        oldLeft = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
                        newLine = Integer.parseInt(m.group(3));
                        newLeft = m.group(4) == null ? 1 : Integer.parseInt(m.group(4));
                        lines = new ArrayList<>();
                        hunks.add(new Hunk(line, lines));
                    }
                }
            }
            addFile(files, path, gitLine, plusLine, hunks);
            return files;
        }

        private static void addFile(List<FileDiff> files, String path, String gitLine, String plusLine,
                                    List<Hunk> hunks) {
            if (path == null || hunks == null) {
                return;
            }
            List<String> headers = new ArrayList<>();
            if (gitLine != null) {
                headers.add(gitLine);
            }
            if (plusLine != null) {
                headers.add(plusLine);
            }
            files.add(new FileDiff(path, List.copyOf(headers), List.copyOf(hunks)));
        }

        /** "diff --git a/x b/x" -> "x"; the "+++" line, when present, overrides it. */
        private static String pathFromGitLine(String line) {
            int b = line.lastIndexOf(" b/");
            return b < 0 ? null : line.substring(b + 3);
        }
    }
}
