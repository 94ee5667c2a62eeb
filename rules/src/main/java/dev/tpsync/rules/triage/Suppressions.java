package dev.tpsync.rules.triage;

import dev.tpsync.patch.FileSource;
import dev.tpsync.rules.spi.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Inline suppressions: a comment {@code /* tpsync: ignore rule-a,rule-b -- reason *}{@code /} or
 * {@code // tpsync: ignore rule-a -- reason} on a finding's line, or alone on the lines right
 * above it: a one-line comment, or a line of the block comment that ends there, written as the
 * kernel's coding style writes long ones ({@code /*}, {@code  * tpsync: ignore ...}, {@code  *}{@code /}).
 * Rules never see raw text, so this is a pass after the rules that reads only the files that
 * have findings. A suppression without a reason is not honoured and becomes a note, so that
 * every hidden finding says why it was accepted; so does one that names no rule (a misspelt
 * id would otherwise leave its finding reported without a word why).
 */
public final class Suppressions {

    /** The lines of a tree-relative file, or empty when it cannot be read. */
    @FunctionalInterface
    public interface LineSource {
        Optional<List<String>> lines(String file);
    }

    private static final String ID = "[a-z][a-z0-9]*(?:-[a-z0-9]+)*";
    /** After {@code //}, {@code /*}, or the {@code *} that starts a block comment's inner line. */
    private static final Pattern DIRECTIVE = Pattern.compile(
        "(?://|/\\*|^\\s*\\*)\\s*tpsync:\\s*ignore\\s+(" + ID + "(?:\\s*,\\s*" + ID + ")*)(.*)");
    /** A directive with or without rule ids: without, it names no rule. */
    private static final Pattern ANY_DIRECTIVE = Pattern.compile("(?://|/\\*|^\\s*\\*)\\s*tpsync:\\s*ignore\\b");
    /** How far up a block comment above a finding is read for a directive. */
    private static final int BLOCK_LINES = 20;
    /**
     * How far above a finding a directive that is not right above it (a blank line or code
     * between) is looked for, to say why it was not honoured.
     */
    private static final int NEAR_LINES = 5;

    private Suppressions() {
    }

    /** Files under {@code root}, read as UTF-8 (with malformed bytes replaced). */
    public static LineSource fromDirectory(Path root) {
        return file -> {
            try {
                byte[] bytes = Files.readAllBytes(root.resolve(file));
                return Optional.of(new String(bytes, java.nio.charset.StandardCharsets.UTF_8).lines().toList());
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        };
    }

    /** The files of {@code files} (a tree with a series applied, say). */
    public static LineSource fromFiles(FileSource files) {
        return file -> files.read(file).map(text -> List.of(text.split("\n", -1)));
    }

    /** What a comment on one line says. */
    record Directive(Set<String> rules, Optional<String> reason) {
    }

    static Optional<Directive> parse(String line) {
        Matcher m = DIRECTIVE.matcher(withoutLiterals(line));
        if (!m.find()) {
            return Optional.empty();
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String id : m.group(1).split(",")) {
            ids.add(id.strip());
        }
        String rest = m.group(2);
        int close = rest.indexOf("*/");
        if (close >= 0) {
            rest = rest.substring(0, close);
        }
        rest = rest.strip();
        Optional<String> reason = rest.startsWith("--") && !rest.substring(2).isBlank()
            ? Optional.of(rest.substring(2).strip()) : Optional.empty();
        return Optional.of(new Directive(ids, reason));
    }

    /** Splits {@code findings} by the comments of {@code source}; {@code ruleIds} are every rule's, run or not. */
    public static Triage apply(List<Finding> findings, LineSource source, List<String> ruleIds) {
        Map<String, Optional<List<String>>> files = new HashMap<>();
        List<Finding> kept = new ArrayList<>();
        List<Finding> suppressed = new ArrayList<>();
        Set<String> notes = new LinkedHashSet<>();
        Set<String> honoured = new HashSet<>();
        for (Finding f : findings) {
            Optional<List<String>> lines = files.computeIfAbsent(f.file(), source::lines);
            if (lines.isEmpty() || f.line() < 1 || f.line() > lines.get().size()) {
                kept.add(f);
                continue;
            }
            boolean hidden = false;
            for (int at : commentLines(lines.get(), f.line())) {
                Optional<Directive> d = parse(lines.get().get(at - 1));
                if (d.isEmpty()) {
                    if (ANY_DIRECTIVE.matcher(withoutLiterals(lines.get().get(at - 1))).find()) {
                        notes.add(f.file() + ":" + at + ": 'tpsync: ignore' names no rule and hides nothing; write "
                            + "'tpsync: ignore <rule> -- why it is safe' (known rules: " + String.join(", ", ruleIds)
                            + ")");
                    }
                    continue;
                }
                for (String id : d.get().rules()) {
                    if (!ruleIds.contains(id)) {
                        notes.add(f.file() + ":" + at + ": 'tpsync: ignore " + id + "' names no rule; "
                            + "known rules: " + String.join(", ", ruleIds));
                    }
                }
                if (!d.get().rules().contains(f.ruleId())) {
                    continue;
                }
                if (d.get().reason().isEmpty()) {
                    notes.add(f.file() + ":" + at + ": 'tpsync: ignore " + f.ruleId() + "' has no reason and is not "
                        + "honoured; write 'tpsync: ignore " + f.ruleId() + " -- why it is safe'");
                    continue;
                }
                hidden = true;
                honoured.add(f.file() + ":" + at);
                break;
            }
            (hidden ? suppressed : kept).add(f);
        }
        for (Finding f : kept) {
            files.getOrDefault(f.file(), Optional.empty())
                .flatMap(lines -> strayDirective(lines, f, honoured))
                .ifPresent(at -> notes.add(f.file() + ":" + at + ": 'tpsync: ignore " + f.ruleId() + "' is not"
                    + " honoured for the finding at line " + f.line() + ": put it on that line or in a comment alone"
                    + " right above it"));
        }
        return new Triage(kept, suppressed, new ArrayList<>(notes));
    }

    /**
     * A directive for {@code f}'s rule a few lines above it but not where it speaks for it (a
     * blank line or a statement between, or in a comment opened after code), which hid no other
     * finding: the developer meant it for this one, and a note says why it did not count where
     * the finding alone would leave them guessing.
     */
    private static Optional<Integer> strayDirective(List<String> lines, Finding f, Set<String> honoured) {
        if (f.line() < 1 || f.line() > lines.size()) {
            return Optional.empty();
        }
        List<Integer> own = commentLines(lines, f.line());
        for (int at = f.line() - 1; at >= 1 && at >= f.line() - NEAR_LINES; at--) {
            // A comment after code on its line speaks for that line.
            if (!isComment(bare(lines.get(at - 1))) || own.contains(at) || honoured.contains(f.file() + ":" + at)) {
                continue;
            }
            Optional<Directive> d = parse(lines.get(at - 1));
            if (d.isPresent() && d.get().rules().contains(f.ruleId())) {
                return Optional.of(at);
            }
        }
        return Optional.empty();
    }

    /**
     * The 1-based lines whose comments speak for a finding on {@code line}: that line, then the
     * comment alone right above it, nearest first: a one-line comment, a run of {@code //}
     * lines, or the lines of a block comment that ends there, up to its opening {@code /*} (in
     * a macro too, each line ending in a backslash). A comment before code on the line above
     * belongs to that code, not to the finding.
     */
    static List<Integer> commentLines(List<String> lines, int line) {
        List<Integer> out = new ArrayList<>(List.of(line));
        // A finding on a continuation line of a statement (an argument of a call wrapped over
        // lines) is spoken for by the comments of the line the statement starts on.
        int start = statementStart(lines, line);
        if (start < line) {
            out.add(start);
        }
        if (start < 2) {
            return out;
        }
        String above = bare(lines.get(start - 2));
        if (above.startsWith("//")) {
            for (int at = start - 1; at >= 1 && at >= start - BLOCK_LINES && bare(lines.get(at - 1)).startsWith("//");
                    at--) {
                out.add(at);
            }
            return out;
        }
        if (above.startsWith("/*")) {
            // Alone: it closes at the end of the line and nowhere before.
            if (above.indexOf("*/") == above.length() - 2) {
                out.add(start - 1);
            }
            return out;
        }
        if (!above.endsWith("*/") || !above.startsWith("*")) {
            return out;
        }
        // Up through the block: each line is its inner text (" * ...") until the one that opens it.
        List<Integer> block = new ArrayList<>();
        for (int at = start - 1; at >= 1 && at >= start - BLOCK_LINES; at--) {
            String text = bare(lines.get(at - 1));
            if (text.startsWith("/*")) {
                block.add(at);
                out.addAll(block);
                return out;
            }
            if (!text.startsWith("*")) {
                break;
            }
            block.add(at);
        }
        // Not a comment alone (it opens after code, or further up than a directive is looked for).
        return out;
    }

    /** How far up a statement wrapped over lines is followed to its first line. */
    private static final int STATEMENT_LINES = 10;

    /**
     * The first line of the statement {@code line} belongs to: up while the line above ends
     * inside an expression (after an opening parenthesis, a comma or a binary operator), as
     * kernel code wraps a long call's arguments.
     */
    private static int statementStart(List<String> lines, int line) {
        int start = line;
        while (start > 1 && line - start < STATEMENT_LINES) {
            String above = bare(withoutTrailingComment(lines.get(start - 2)));
            if (above.isEmpty() || above.startsWith("#") || isComment(above) || !continues(above)) {
                break;
            }
            start--;
        }
        return start;
    }

    private static boolean continues(String code) {
        if (code.endsWith("++") || code.endsWith("--")) {
            return false;
        }
        char last = code.charAt(code.length() - 1);
        return last == '(' || last == ',' || last == '=' || last == '+' || last == '-' || last == '?'
            || last == '|' || last == '&' || last == '<' || last == '>';
    }

    /** {@code line} without a trailing comment (literals blanked first, so a "//" in a string stays). */
    private static String withoutTrailingComment(String line) {
        String code = withoutLiterals(line);
        int slashes = code.indexOf("//");
        int block = code.indexOf("/*");
        int cut = slashes < 0 ? block : block < 0 ? slashes : Math.min(slashes, block);
        return cut < 0 ? code : code.substring(0, cut);
    }

    /** Whether a bare line (see {@link #bare}) starts with a comment: one alone, or a block comment's inner line. */
    private static boolean isComment(String bareLine) {
        return bareLine.startsWith("//") || bareLine.startsWith("/*") || bareLine.startsWith("*");
    }

    /** A line without its indentation and a macro's continuation backslash. */
    private static String bare(String line) {
        String s = line.strip();
        return s.endsWith("\\") ? s.substring(0, s.length() - 1).strip() : s;
    }

    /**
     * {@code line} with the text of its string and character literals blanked, so that a
     * directive quoted in code ({@code pr_info("// tpsync: ignore ...")}) is no comment. A block
     * comment's inner line (" * ...") is all comment.
     */
    static String withoutLiterals(String line) {
        if (line.strip().startsWith("*")) {
            return line;
        }
        StringBuilder out = new StringBuilder(line.length());
        char quote = 0;
        boolean comment = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (comment) {
                out.append(c);
                if (c == '*' && i + 1 < line.length() && line.charAt(i + 1) == '/') {
                    out.append('/');
                    i++;
                    comment = false;
                }
            } else if (quote != 0) {
                if (c == '\\' && i + 1 < line.length()) {
                    out.append("  ");
                    i++;
                } else if (c == quote) {
                    out.append(c);
                    quote = 0;
                } else {
                    out.append(' ');
                }
            } else if (c == '"' || c == '\'') {
                out.append(c);
                quote = c;
            } else if (c == '/' && i + 1 < line.length() && line.charAt(i + 1) == '/') {
                // The rest of the line is comment.
                out.append(line, i, line.length());
                break;
            } else if (c == '/' && i + 1 < line.length() && line.charAt(i + 1) == '*') {
                out.append("/*");
                i++;
                comment = true;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
