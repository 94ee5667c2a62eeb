package dev.tpsync.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Function;

/**
 * A name for the content of a whole tree: a hash of every path with its git blob id, in order.
 * The same files at the same content give the same key, whether a scan found the ids through
 * the tree index or a review read them from a commit; that is what lets a pre-commit review
 * reuse the graph a scan of the clean tree kept.
 */
public final class TreeKey {

    private TreeKey() {
    }

    /**
     * The key of the model of a context slice ({@link dev.tpsync.model.ContextSlice#id}) whose
     * files {@code whole} (each with its blob id) are judged whole: those a change touches, which
     * review puts in the slice with all their functions. The slice's identity stands for the rest
     * of its content, which it keeps as made.
     */
    public static String ofSlice(String sliceId, SortedMap<String, String> whole) {
        StringBuilder text = new StringBuilder("slice\0").append(sliceId).append('\n');
        whole.forEach((path, blob) -> text.append(path).append('\0').append(blob).append('\n'));
        return hash(text);
    }

    /** The key of {@code paths}; empty when a path's blob id is not known. */
    public static Optional<String> of(List<String> paths, Function<String, Optional<String>> blobOf) {
        StringBuilder text = new StringBuilder(paths.size() * 64);
        for (String path : paths) {
            Optional<String> blob = blobOf.apply(path);
            if (blob.isEmpty()) {
                return Optional.empty();
            }
            text.append(path).append('\0').append(blob.get()).append('\n');
        }
        return Optional.of(hash(text));
    }

    /** SHA-1 of the text's UTF-8 bytes (blob ids are ASCII, so the same bytes as before it was one text). */
    private static String hash(CharSequence text) {
        MessageDigest sha = CacheVersion.sha1();
        sha.update(text.toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest());
    }
}
