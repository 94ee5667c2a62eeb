package dev.tpsync.patch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /**
     * Regular files under {@code root} (for --tree DIR). Paths that would leave the root
     * read as absent rather than escaping it.
     */
    static FileSource directory(Path root) {
        Path top = root.toAbsolutePath().normalize();
        return path -> {
            Path f = top.resolve(path).normalize();
            if (!f.startsWith(top) || !Files.isRegularFile(f)) {
                return Optional.empty();
            }
            try {
                return Optional.of(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /** A source backed by a map of path to content; absent keys do not exist. */
    static FileSource of(Map<String, String> files) {
        Map<String, String> copy = Map.copyOf(files);
        return path -> Optional.ofNullable(copy.get(path));
    }
}
