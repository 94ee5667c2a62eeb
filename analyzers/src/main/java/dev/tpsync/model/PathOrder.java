package dev.tpsync.model;

import dev.tpsync.c.structure.FileFacts;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lists of file facts in path order, the order a model has its files in, with a few files put in
 * their place. Slices and summaries keep their facts in that order, and a hook run on reached
 * code makes several such lists of ~5,000 files from one or two changed files: merged in one
 * pass, one comparison a file, where a map sorted them again with a dozen each.
 */
public final class PathOrder {

    private PathOrder() {
    }

    /**
     * {@code files} with each of {@code put} in place of the file of its path, or among them
     * where its path sorts when none has it (of two with one path, the last). {@code files} is
     * meant to be in path order, one per path; when it is not, the result is sorted anew.
     */
    public static List<FileFacts> with(List<FileFacts> files, Collection<FileFacts> put) {
        TreeMap<String, FileFacts> changes = new TreeMap<>();
        put.forEach(f -> changes.put(f.path(), f));
        List<FileFacts> out = new ArrayList<>(files.size() + changes.size());
        var next = changes.pollFirstEntry();
        String previous = null;
        for (FileFacts f : files) {
            String path = f.path();
            if (previous != null && previous.compareTo(path) >= 0) {
                return resorted(files, put);
            }
            previous = path;
            while (next != null && next.getKey().compareTo(path) < 0) {
                out.add(next.getValue());
                next = changes.pollFirstEntry();
            }
            if (next != null && next.getKey().equals(path)) {
                out.add(next.getValue());
                next = changes.pollFirstEntry();
            } else {
                out.add(f);
            }
        }
        for (; next != null; next = changes.pollFirstEntry()) {
            out.add(next.getValue());
        }
        return out;
    }

    /** {@code files} without those of the paths of {@code gone}, in the order they were. */
    public static List<FileFacts> without(List<FileFacts> files, Collection<String> gone) {
        return files.stream().filter(f -> !gone.contains(f.path())).toList();
    }

    /** {@code files} in path order (of two with one path, the last). */
    public static List<FileFacts> sorted(Collection<FileFacts> files) {
        return with(List.of(), files);
    }

    private static List<FileFacts> resorted(List<FileFacts> files, Collection<FileFacts> put) {
        Map<String, FileFacts> byPath = new TreeMap<>();
        files.forEach(f -> byPath.put(f.path(), f));
        put.forEach(f -> byPath.put(f.path(), f));
        return new ArrayList<>(byPath.values());
    }
}
