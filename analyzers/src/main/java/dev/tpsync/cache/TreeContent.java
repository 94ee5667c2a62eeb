package dev.tpsync.cache;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * A whole tree's content: every source path, in order, with its git blob id. Its
 * {@link TreeKey} names a cached model; kept beside that model, it lets a review whose base
 * the cache has no model for find the one a few files away (the commit before, after a
 * commit) and rebuild from it.
 */
public final class TreeContent {

    private final Map<String, String> blobs;
    /** {@link #key()}, hashed when first asked: a kernel's takes ~40 ms. */
    private volatile String key;

    private TreeContent(Map<String, String> blobs) {
        this.blobs = Collections.unmodifiableMap(blobs);
    }

    /** The content of {@code paths}; empty when a path's blob id is not known. */
    public static Optional<TreeContent> of(List<String> paths, Function<String, Optional<String>> blobOf) {
        Map<String, String> blobs = new LinkedHashMap<>(paths.size() * 2);
        for (String path : paths) {
            Optional<String> blob = blobOf.apply(path);
            if (blob.isEmpty()) {
                return Optional.empty();
            }
            blobs.put(path, blob.get());
        }
        return Optional.of(new TreeContent(blobs));
    }

    /** Paths in order, with their blob ids. */
    public Map<String, String> blobs() {
        return blobs;
    }

    public String key() {
        String k = key;
        if (k == null) {
            k = TreeKey.of(List.copyOf(blobs.keySet()), path -> Optional.of(blobs.get(path))).orElseThrow();
            key = k;
        }
        return k;
    }

    /** How many paths differ: present on one side only, or at another blob. */
    public int distance(TreeContent other) {
        int d = 0;
        for (Map.Entry<String, String> e : blobs.entrySet()) {
            if (!e.getValue().equals(other.blobs.get(e.getKey()))) {
                d++;
            }
        }
        for (String path : other.blobs.keySet()) {
            if (!blobs.containsKey(path)) {
                d++;
            }
        }
        return d;
    }

    /**
     * How many paths the content written at {@code file} differs from this one by
     * (as {@link #distance}), when at most {@code limit}; empty when more, or when the file is
     * missing or not well formed. Read line by line against this content's paths, without
     * making the other content: a kernel's is ~55,000 lines (4 MB), the cache keeps a few, and a
     * review that finds no graph of its own tree weighs each (~90 ms apiece made whole, on a hook
     * run's C1-compiled code).
     */
    OptionalInt distanceTo(Path file, int limit) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            return OptionalInt.empty();
        }
        int d = 0;
        int matched = 0;
        int at = 0;
        while (at < text.length()) {
            int end = lineEnd(text, at);
            if (end < 0) {
                return OptionalInt.empty();
            }
            String blob = blobs.get(text.substring(at + 41, end));
            if (blob == null) {
                d++;
            } else {
                matched++;
                if (!text.regionMatches(at, blob, 0, 40)) {
                    d++;
                }
            }
            if (d > limit) {
                return OptionalInt.empty();
            }
            at = end + 1;
        }
        d += blobs.size() - matched;
        return d <= limit ? OptionalInt.of(d) : OptionalInt.empty();
    }

    /** One line per path: the blob id, a space, the path. */
    void writeTo(OutputStream out) throws IOException {
        StringBuilder text = new StringBuilder(blobs.size() * 80);
        blobs.forEach((path, blob) -> text.append(blob).append(' ').append(path).append('\n'));
        out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Where the line of {@link #writeTo} at {@code at} ends (its newline), or -1 when it is not
     * one: a blob id of 40 characters, a space, a path.
     */
    private static int lineEnd(String text, int at) {
        int end = text.indexOf('\n', at);
        return end < 0 || end - at < 42 || text.charAt(at + 40) != ' ' ? -1 : end;
    }

    /** The content written at {@code file}; empty when it is missing or not well formed. */
    static Optional<TreeContent> read(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Map<String, String> blobs = new LinkedHashMap<>();
            int at = 0;
            while (at < text.length()) {
                int end = lineEnd(text, at);
                if (end < 0) {
                    return Optional.empty();
                }
                blobs.put(text.substring(at + 41, end), text.substring(at, at + 40));
                at = end + 1;
            }
            return Optional.of(new TreeContent(blobs));
        } catch (IOException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
    }
}
