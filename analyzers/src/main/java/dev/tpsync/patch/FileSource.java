package dev.tpsync.patch;

import java.util.Map;
import java.util.Optional;

/**
 * Read access to file contents by repository-relative path: a git tree, the index, a
 * directory, or a tree with patches applied. Contents follow the ISO-8859-1 convention
 * (one char per byte). Empty means the file does not exist.
 */
@FunctionalInterface
public interface FileSource {

    Optional<String> read(String path);

    /** A source with no files, for patches applied to nothing (new files only). */
    static FileSource empty() {
        return path -> Optional.empty();
    }

    /** A source backed by a map of path to content; absent keys do not exist. */
    static FileSource of(Map<String, String> files) {
        Map<String, String> copy = Map.copyOf(files);
        return path -> Optional.ofNullable(copy.get(path));
    }
}
