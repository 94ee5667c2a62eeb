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
