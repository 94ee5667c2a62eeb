package dev.tpsync.patch;

import dev.tpsync.input.InputException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses unified diff text (git's extended format, quilt and plain {@code diff -u}) into
 * {@link FilePatch}es. Text outside file diffs (commit message, signature, trailers) is
 * skipped; a hunk whose line counts do not match its lines is an {@link InputException}.
 * The input follows the ISO-8859-1 convention: one char per byte of the original diff.
 */
public final class UnifiedDiffParser {

    /** The mode git gives a submodule's entry (a "gitlink"): a commit, not a file. */
    private static final String GITLINK_MODE = "160000";
    /** The mode git gives a symbolic link: its "text" is the name of the file it points to. */
    private static final String SYMLINK_MODE = "120000";

    private static final Pattern HUNK_HEADER =
            Pattern.compile("@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@ ?(.*)");
    private static final String EPOCH = "1970-01-01";

    private final String[] lines;
    private final boolean crlf;
    private int pos;
    private final List<FilePatch> files = new ArrayList<>();

    private UnifiedDiffParser(String text) {
        String[] split = text.split("\n", -1);
        int n = split.length;
        if (n > 0 && split[n - 1].isEmpty()) {
            n--;
        }
        this.lines = java.util.Arrays.copyOf(split, n);
        boolean allCr = n > 0;
        for (String l : lines) {
            if (!l.endsWith("\r")) {
                allCr = false;
                break;
            }
        }
        // A diff whose every line ends in CR came through a CRLF transport (mail saved on
        // Windows); a diff with only some CR lines patches files that contain CRs.
        this.crlf = allCr;
    }

    /** Parses every file diff in {@code diffText}; returns an empty list when there is none. */
    public static List<FilePatch> parse(String diffText) {
        UnifiedDiffParser p = new UnifiedDiffParser(diffText);
        p.run();
        return List.copyOf(p.files);
    }

    /** True when {@code text} contains something that looks like a file diff. */
    public static boolean looksLikeDiff(String text) {
        UnifiedDiffParser p = new UnifiedDiffParser(text);
        for (int i = 0; i < p.lines.length; i++) {
            if (p.startsGitDiff(i) || p.startsPlainDiff(i)) {
                return true;
            }
        }
        return false;
    }

    private void run() {
        while (pos < lines.length) {
            if (startsGitDiff(pos)) {
                parseGitFile();
            } else if (startsPlainDiff(pos)) {
                parsePlainFile();
            } else {
                pos++;
            }
        }
    }

    private String line(int i) {
        String l = lines[i];
        return crlf ? l.substring(0, l.length() - 1) : l;
    }

    /** A header line with any CR removed, so git headers match in files with CRLF content. */
    private String header(int i) {
        String l = lines[i];
        return l.endsWith("\r") ? l.substring(0, l.length() - 1) : l;
    }

    private boolean startsGitDiff(int i) {
        return header(i).startsWith("diff --git ");
    }

    private boolean startsPlainDiff(int i) {
        return i + 2 < lines.length && header(i).startsWith("--- ") && header(i + 1).startsWith("+++ ")
                && header(i + 2).startsWith("@@ -");
    }

    private void parseGitFile() {
        String[] names = splitGitHeader(header(pos).substring("diff --git ".length()));
        String oldPath = names == null ? null : stripPrefix(names[0], "a/");
        String newPath = names == null ? null : stripPrefix(names[1], "b/");
        ChangeType type = ChangeType.MODIFY;
        boolean binary = false;
        boolean reference = false;
        pos++;
        while (pos < lines.length) {
            String h = header(pos);
            if ((h.endsWith(" " + GITLINK_MODE) || h.endsWith(" " + SYMLINK_MODE))
                    && (h.startsWith("index ") || h.contains(" mode "))) {
                reference = true;
            }
            if (h.startsWith("new file mode ")) {
                type = ChangeType.ADD;
            } else if (h.startsWith("deleted file mode ")) {
                type = ChangeType.DELETE;
            } else if (h.startsWith("rename from ") || h.startsWith("rename old ")) {
                type = ChangeType.RENAME;
                oldPath = unquote(h.substring(h.indexOf(' ', 7) + 1));
            } else if (h.startsWith("rename to ") || h.startsWith("rename new ")) {
                type = ChangeType.RENAME;
                newPath = unquote(h.substring(h.indexOf(' ', 7) + 1));
            } else if (h.startsWith("copy from ")) {
                type = ChangeType.COPY;
                oldPath = unquote(h.substring("copy from ".length()));
            } else if (h.startsWith("copy to ")) {
                type = ChangeType.COPY;
                newPath = unquote(h.substring("copy to ".length()));
            } else if (h.startsWith("Binary files ")) {
                binary = true;
            } else if (h.equals("GIT binary patch")) {
                binary = true;
                pos++;
                while (pos < lines.length && !startsGitDiff(pos)) {
                    pos++;
                }
                break;
            } else if (h.startsWith("--- ") && pos + 1 < lines.length && header(pos + 1).startsWith("+++ ")) {
                String o = pathOf(h.substring(4));
                String n = pathOf(header(pos + 1).substring(4));
                if (o.equals(FilePatch.DEV_NULL)) {
                    type = ChangeType.ADD;
                } else if (type != ChangeType.RENAME && type != ChangeType.COPY) {
                    oldPath = stripPrefix(o, "a/");
                }
                if (n.equals(FilePatch.DEV_NULL)) {
                    type = ChangeType.DELETE;
                } else if (type != ChangeType.RENAME && type != ChangeType.COPY) {
                    newPath = stripPrefix(n, "b/");
                }
                pos += 2;
                // JGit writes its "Binary files differ" after the file names, where git writes
                // them in the line itself: read as text with no hunk, the change vanished.
                if (pos < lines.length && header(pos).startsWith("Binary files ")) {
                    binary = true;
                    pos++;
                }
                break;
            } else if (!(h.startsWith("old mode ") || h.startsWith("new mode ") || h.startsWith("index ")
                    || h.startsWith("similarity index ") || h.startsWith("dissimilarity index "))) {
                break;
            }
            pos++;
        }
        if (oldPath == null || newPath == null) {
            oldPath = oldPath == null ? newPath : oldPath;
            newPath = newPath == null ? oldPath : newPath;
            if (oldPath == null) {
                throw new InputException("malformed diff: cannot read the file names in '" + header(pos - 1)
                        + "'; the patch was mangled");
            }
        }
        List<Hunk> hunks = parseHunks(type == ChangeType.DELETE ? oldPath : newPath);
        // A submodule's hunk is its commit id ("Subproject commit <id>"), a symbolic link's the
        // name of its target (include/dt-bindings has a dozen such .h): neither is text that a
        // snapshot of C files has to apply, and nothing in it is C.
        FilePatch.Content content = reference ? FilePatch.Content.REFERENCE
            : binary ? FilePatch.Content.BINARY : FilePatch.Content.TEXT;
        files.add(finish(oldPath, newPath, type, content, content == FilePatch.Content.TEXT ? hunks : List.of()));
    }

    private void parsePlainFile() {
        String oldRaw = header(pos).substring(4);
        String newRaw = header(pos + 1).substring(4);
        String o = pathOf(oldRaw);
        String n = pathOf(newRaw);
        ChangeType type = ChangeType.MODIFY;
        if (o.equals(FilePatch.DEV_NULL) || timestamp(oldRaw).startsWith(EPOCH)) {
            type = ChangeType.ADD;
        } else if (n.equals(FilePatch.DEV_NULL) || timestamp(newRaw).startsWith(EPOCH)) {
            type = ChangeType.DELETE;
        }
        // Like patch -p1 when both names carry a directory (a/ b/, linux.orig/ linux/);
        // a plain diff cannot rename, so both sides name the same file.
        String path = type == ChangeType.DELETE ? o : n;
        boolean strip = (o.equals(FilePatch.DEV_NULL) || o.contains("/")) && (n.equals(FilePatch.DEV_NULL) || n.contains("/"));
        if (strip && path.contains("/")) {
            path = path.substring(path.indexOf('/') + 1);
        }
        pos += 2;
        List<Hunk> hunks = parseHunks(path);
        String oldPath = type == ChangeType.ADD ? FilePatch.DEV_NULL : path;
        String newPath = type == ChangeType.DELETE ? FilePatch.DEV_NULL : path;
        files.add(finish(oldPath, newPath, type, FilePatch.Content.TEXT, hunks));
    }

    private static FilePatch finish(String oldPath, String newPath, ChangeType type, FilePatch.Content content,
            List<Hunk> hunks) {
        if (type == ChangeType.ADD) {
            oldPath = FilePatch.DEV_NULL;
        } else if (type == ChangeType.DELETE) {
            newPath = FilePatch.DEV_NULL;
        }
        return new FilePatch(utf8Path(oldPath), utf8Path(newPath), type, content, hunks);
    }

    /**
     * A path as the repository names it. The diff is read byte for byte (ISO-8859-1), and git
     * writes a path's bytes, UTF-8 on every system git runs on, as they are or octal-quoted
     * ("kernel/sched/\303\274.c"): those bytes are the path's UTF-8 when they are valid UTF-8.
     */
    static String utf8Path(String latin1) {
        boolean ascii = true;
        for (int i = 0; i < latin1.length() && ascii; i++) {
            ascii = latin1.charAt(i) < 0x80;
        }
        if (ascii) {
            return latin1;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(latin1.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (CharacterCodingException e) {
            return latin1;
        }
    }

    private List<Hunk> parseHunks(String path) {
        List<Hunk> hunks = new ArrayList<>();
        while (pos < lines.length && header(pos).startsWith("@@ -")) {
            hunks.add(parseHunk(path, hunks.size() + 1));
        }
        return hunks;
    }

    private Hunk parseHunk(String path, int number) {
        String h = header(pos);
        Matcher m = HUNK_HEADER.matcher(h);
        if (!m.matches()) {
            throw new InputException("malformed diff: " + path + " hunk #" + number + " has a bad header '"
                    + h + "'; the patch was mangled");
        }
        int oldStart = Integer.parseInt(m.group(1));
        int oldCount = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
        int newStart = Integer.parseInt(m.group(3));
        int newCount = m.group(4) == null ? 1 : Integer.parseInt(m.group(4));
        String shown = h.substring(0, h.indexOf("@@", 2) + 2);
        pos++;
        List<HunkLine> out = new ArrayList<>();
        int oldSeen = 0;
        int newSeen = 0;
        while (oldSeen < oldCount || newSeen < newCount) {
            if (pos >= lines.length) {
                throw countMismatch(path, number, shown, oldSeen, newSeen, oldCount, newCount);
            }
            String l = line(pos);
            if (l.equals("-- ") && (pos + 1 >= lines.length || !looksLikeHunkLine(line(pos + 1)))) {
                // The mail signature, not a removed "- " line: the hunk was cut short.
                throw countMismatch(path, number, shown, oldSeen, newSeen, oldCount, newCount);
            }
            char kind;
            String text;
            if (l.isEmpty()) {
                // Mailers and editors strip the space of an empty context line; git apply accepts it.
                kind = ' ';
                text = "";
            } else if (l.charAt(0) == '\\') {
                markNoNewline(out);
                pos++;
                continue;
            } else {
                kind = l.charAt(0);
                text = l.substring(1);
            }
            boolean fits = switch (kind) {
                case ' ' -> oldSeen < oldCount && newSeen < newCount;
                case '-' -> oldSeen < oldCount;
                case '+' -> newSeen < newCount;
                default -> false;
            };
            if (!fits) {
                throw countMismatch(path, number, shown, oldSeen, newSeen, oldCount, newCount);
            }
            if (kind != '+') {
                oldSeen++;
            }
            if (kind != '-') {
                newSeen++;
            }
            out.add(new HunkLine(kind, text, false));
            pos++;
        }
        if (pos < lines.length && line(pos).startsWith("\\")) {
            markNoNewline(out);
            pos++;
        }
        if (pos < lines.length && looksLikeHunkLine(line(pos))) {
            int extraOld = oldSeen;
            int extraNew = newSeen;
            for (int i = pos; i < lines.length && looksLikeHunkLine(line(i)); i++) {
                char k = line(i).charAt(0);
                extraOld += k == '+' ? 0 : 1;
                extraNew += k == '-' ? 0 : 1;
            }
            throw countMismatch(path, number, shown, extraOld, extraNew, oldCount, newCount);
        }
        return new Hunk(oldStart, oldCount, newStart, newCount, m.group(5), out);
    }

    /** A diff line right after a complete hunk: its header's counts were too small. */
    private static boolean looksLikeHunkLine(String l) {
        if (l.isEmpty()) {
            return false;
        }
        char c = l.charAt(0);
        return c == ' ' || (c == '+' && !l.startsWith("+++ ")) || (c == '-' && !l.startsWith("--- ") && !l.equals("-- "));
    }

    private static void markNoNewline(List<HunkLine> out) {
        if (!out.isEmpty()) {
            HunkLine last = out.remove(out.size() - 1);
            out.add(new HunkLine(last.kind(), last.text(), true));
        }
    }

    private static InputException countMismatch(String path, int number, String shown, int oldSeen, int newSeen,
                                                int oldCount, int newCount) {
        return new InputException("malformed diff: " + path + " hunk #" + number + " (" + shown + ") has "
                + oldSeen + " old and " + newSeen + " new lines where its header says " + oldCount + " and "
                + newCount + "; the patch was truncated or mangled (line wrapping, whitespace)");
    }

    /** The path of a ---/+++ line: without a trailing timestamp, unquoted. */
    private static String pathOf(String value) {
        String v = value;
        if (!v.startsWith("\"")) {
            int tab = v.indexOf('\t');
            if (tab >= 0) {
                v = v.substring(0, tab);
            }
            v = v.stripTrailing();
        } else {
            v = unquote(v);
        }
        return v;
    }

    private static String timestamp(String value) {
        int tab = value.indexOf('\t');
        return tab < 0 ? "" : value.substring(tab + 1).strip();
    }

    private static String stripPrefix(String path, String prefix) {
        return path.startsWith(prefix) ? path.substring(prefix.length()) : path;
    }

    /** Splits "a/x b/x" (or quoted names) of a diff --git line; null when it cannot tell. */
    private static String[] splitGitHeader(String rest) {
        if (rest.startsWith("\"")) {
            int end = closingQuote(rest, 0);
            if (end < 0 || end + 2 > rest.length()) {
                return null;
            }
            return new String[] {unquote(rest.substring(0, end + 1)), unquote(rest.substring(end + 2))};
        }
        if (rest.endsWith("\"")) {
            int start = rest.lastIndexOf(" \"");
            return start < 0 ? null : new String[] {rest.substring(0, start), unquote(rest.substring(start + 1))};
        }
        // Same name on both sides is the common case and settles names with spaces.
        if (rest.length() % 2 == 1) {
            int half = rest.length() / 2;
            String a = rest.substring(0, half);
            String b = rest.substring(half + 1);
            if (rest.charAt(half) == ' ' && a.indexOf('/') >= 0 && b.indexOf('/') >= 0
                    && a.substring(a.indexOf('/')).equals(b.substring(b.indexOf('/')))) {
                return new String[] {a, b};
            }
        }
        int sep = rest.indexOf(" b/");
        if (sep < 0) {
            sep = rest.indexOf(' ');
        }
        return sep < 0 ? null : new String[] {rest.substring(0, sep), rest.substring(sep + 1)};
    }

    private static int closingQuote(String s, int open) {
        for (int i = open + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return -1;
    }

    /** Undoes git's C-style quoting; octal escapes are bytes, kept one char per byte. */
    static String unquote(String s) {
        if (s.length() < 2 || !s.startsWith("\"") || !s.endsWith("\"")) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 1; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length() - 1) {
                out.write(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case 'r' -> out.write('\r');
                case 'a' -> out.write(7);
                case 'b' -> out.write('\b');
                case 'f' -> out.write('\f');
                case 'v' -> out.write(11);
                default -> {
                    if (e >= '0' && e <= '7' && i + 2 < s.length()) {
                        out.write(Integer.parseInt(s.substring(i, i + 3), 8));
                        i += 2;
                    } else {
                        out.write(e);
                    }
                }
            }
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }
}
