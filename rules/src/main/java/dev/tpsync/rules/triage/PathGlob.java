package dev.tpsync.rules.triage;

import java.util.regex.Pattern;

/**
 * A glob over tree-relative '/'-separated paths: {@code *} within one segment, {@code **}
 * across segments, {@code ?} one character; a glob ending in '/' means everything below
 * that directory. Written here rather than with {@code FileSystem.getPathMatcher} so that it
 * means the same on every platform.
 */
public record PathGlob(String glob, Pattern regex) {

    public static PathGlob of(String glob) {
        String g = glob.strip();
        if (g.startsWith("./")) {
            g = g.substring(2);
        }
        if (g.endsWith("/")) {
            g = g + "**";
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
        return new PathGlob(glob, Pattern.compile(re.toString()));
    }

    public boolean matches(String relativePath) {
        return regex.matcher(relativePath).matches();
    }
}
