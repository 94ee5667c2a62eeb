package dev.tpsync.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The context boundaries of a {@link ContextSpec}, compiled once: exact names in a hash set,
 * {@code prefix*suffix} patterns in a short list. Asked for every distinct function name of a
 * kernel tree (600k), so it must not walk the whole list each time.
 */
final class BoundaryMatcher {

    private final Set<String> exact = new HashSet<>();
    private final List<String[]> patterns = new ArrayList<>();

    BoundaryMatcher(List<String> boundaries) {
        for (String b : boundaries) {
            int star = b.indexOf('*');
            if (star < 0) {
                exact.add(b);
            } else {
                patterns.add(new String[] {b.substring(0, star), b.substring(star + 1)});
            }
        }
    }

    boolean matches(String name) {
        if (exact.contains(name)) {
            return true;
        }
        for (String[] p : patterns) {
            if (name.length() >= p[0].length() + p[1].length() && name.startsWith(p[0]) && name.endsWith(p[1])) {
                return true;
            }
        }
        return false;
    }
}
