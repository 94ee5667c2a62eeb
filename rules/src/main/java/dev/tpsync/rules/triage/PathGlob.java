package dev.tpsync.rules.triage;

import java.util.regex.Pattern;

/**
 * A glob over tree-relative '/'-separated paths: {@code *} within one segment, {@code **}
 * across segments, {@code ?} one character. As in {@code .gitignore}, a glob that matches a
 * directory matches everything below it: {@code kernel/events}, {@code kernel/events/} and
 * {@code kernel/events/**} all name the files of that directory (a kernel developer writes the
 * first and expects it to work). Written here rather than with
 * {@code FileSystem.getPathMatcher} so that it means the same on every platform.
 */
public record PathGlob(String glob, Pattern regex) {

    public static PathGlob of(String glob) {
        String g = glob.strip();
        if (g.startsWith("./")) {
            g = g.substring(2);
        }
        while (g.endsWith("/")) {
            g = g.substring(0, g.length() - 1);
        }
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < g.length(); i++) {
            char c = g.charAt(i);
            if (c == '*' && i + 1 < g.length() && g.charAt(i + 1) == '*') {
                boolean slashAfter = i + 2 < g.length() && g.charAt(i + 2) == '/';
                re.append(slashAfter ? "(?:.*/)?" : ".*");
                i += slashAfter ? 2 : 1;
            } else if (c == '*') {
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        re.append("(?:/.*)?");
        return new PathGlob(glob, Pattern.compile(re.toString()));
    }

    public boolean matches(String relativePath) {
        return regex.matcher(relativePath).matches();
    }
}
