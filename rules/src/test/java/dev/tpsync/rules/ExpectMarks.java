package dev.tpsync.rules;

import dev.tpsync.rules.spi.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The expectation marks of a C fixture, after Checkstyle's {@code // violation} and clang-tidy's
 * {@code CHECK-MESSAGES: :[[@LINE-1]]}: {@code /* expect: <rule-id> [severity] *}{@code /} on the
 * line a finding is expected at, or {@code /* expect@+N: ... *}{@code /} / {@code expect@-N} for a
 * line that cannot carry a comment (a backslash-continued {@code #define} line).
 */
final class ExpectMarks {

    private static final Pattern MARK = Pattern.compile(
        "/\\*\\s*expect(?:@([+-]\\d+))?:\\s*([a-z][a-z0-9-]*)(?:\\s+([a-z]+))?\\s*\\*/");

    /** Anything that starts like a mark but does not parse is a typo, not a comment. */
    private static final Pattern LOOSE = Pattern.compile("\\bexpect(?:@[^:\\s]*)?:");

    private ExpectMarks() {
    }

    /**
     * One expected finding.
     *
     * @param severity empty when the mark does not say: any severity matches
     * @param markLine where the mark itself is written (for messages)
     */
    record Mark(String file, int line, String ruleId, Optional<Severity> severity, int markLine) {

        boolean matches(String findingFile, int findingLine, String findingRule, Severity findingSeverity) {
            return file.equals(findingFile) && line == findingLine && ruleId.equals(findingRule)
                && severity.map(s -> s == findingSeverity).orElse(true);
        }

        @Override
        public String toString() {
            String where = markLine == line ? "" : " (mark on line " + markLine + ")";
            return file + ":" + line + ": " + ruleId + severity.map(s -> " " + s.label()).orElse("") + where;
        }
    }

    private static Severity severity(String text, String file, int line) {
        for (Severity s : Severity.values()) {
            if (s.label().equals(text.toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException(file + ":" + line + ": unknown severity '" + text + "' in expect mark");
    }

    /** The marks of one file; a malformed mark fails loudly rather than asserting nothing. */
    static List<Mark> parse(String file, String text) {
        List<Mark> marks = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            Matcher m = MARK.matcher(lines[i]);
            int found = 0;
            while (m.find()) {
                found++;
                int target = lineNo + (m.group(1) == null ? 0 : Integer.parseInt(m.group(1)));
                if (target < 1 || target > lines.length) {
                    throw new IllegalArgumentException(file + ":" + lineNo + ": mark points outside the file");
                }
                Optional<Severity> severity = Optional.ofNullable(m.group(3)).map(s -> severity(s, file, lineNo));
                marks.add(new Mark(file, target, m.group(2), severity, lineNo));
            }
            Matcher loose = LOOSE.matcher(lines[i]);
            int looseCount = 0;
            while (loose.find()) {
                looseCount++;
            }
            if (looseCount != found) {
                throw new IllegalArgumentException(file + ":" + lineNo + ": malformed expect mark: " + lines[i].trim());
            }
        }
        return marks;
    }
}
