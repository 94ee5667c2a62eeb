package dev.tpsync.patch;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A patch subject split into its {@code [PATCH v3 2/7]} tag and the summary after it, the
 * way {@code git am} strips leading bracket groups. {@code index}/{@code total} are present
 * when the tag numbers the patch.
 */
record SubjectLine(String summary, Optional<Integer> index, Optional<Integer> total) {

    private static final Pattern NUMBER = Pattern.compile("(?:^|\\s)0*(\\d+)/0*(\\d+)(?:\\s|$)");
    private static final Pattern REPLY = Pattern.compile("(?i)^(re|aw|fwd?)\\s*:\\s*");
    /** A reply proper: "Re:", "RE:", "Aw:", "Re[2]:" (a forwarded patch, "Fwd:", is still the patch). */
    private static final Pattern ANSWER = Pattern.compile("\\s*(re|aw)(\\[\\d+\\])?:", Pattern.CASE_INSENSITIVE);

    /** Whether {@code rawSubject} is a reply's, whose diff is a reviewer's suggestion, not a patch of the series. */
    static boolean isReply(String rawSubject) {
        return ANSWER.matcher(rawSubject).lookingAt();
    }

    /**
     * The words of a subject's leading tag without its number: "[RFC PATCH v2 3/7] x" gives
     * "RFC PATCH v2"; "PATCH" when the subject has no tag (a commit's) or an empty one.
     */
    static String tagOf(String rawSubject) {
        String s = rawSubject.strip();
        int close = s.indexOf(']');
        if (!s.startsWith("[") || close < 0) {
            return "PATCH";
        }
        String words = NUMBER.matcher(s.substring(1, close)).replaceFirst(" ").trim().replaceAll("\\s+", " ");
        return words.isEmpty() ? "PATCH" : words;
    }

    /** "v3" in a tag ("[PATCH v3 2/7]", "[PATCH net-next v3]"); a series without one is version 1. */
    private static final Pattern VERSION = Pattern.compile("(?i)(?:^|\\s)v(\\d+)(?:\\s|$)");

    /** The series version a subject's tag names: 3 for "[PATCH v3 2/7] x", 1 when it names none. */
    static int versionOf(String rawSubject) {
        Matcher m = VERSION.matcher(tagOf(rawSubject));
        return m.find() ? Integer.parseInt(m.group(1)) : 1;
    }

    static SubjectLine parse(String subject) {
        String s = subject.strip();
        Optional<Integer> index = Optional.empty();
        Optional<Integer> total = Optional.empty();
        while (true) {
            Matcher reply = REPLY.matcher(s);
            if (reply.find()) {
                s = s.substring(reply.end());
                continue;
            }
            int close = s.indexOf(']');
            if (!s.startsWith("[") || close < 0) {
                break;
            }
            Matcher n = NUMBER.matcher(s.substring(1, close));
            if (n.find() && index.isEmpty()) {
                index = Optional.of(Integer.parseInt(n.group(1)));
                total = Optional.of(Integer.parseInt(n.group(2)));
            }
            s = s.substring(close + 1).strip();
        }
        return new SubjectLine(s, index, total);
    }
}
