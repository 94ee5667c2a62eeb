package dev.tpsync.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
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

    /** The key of {@code paths}; empty when a path's blob id is not known. */
    public static Optional<String> of(List<String> paths, Function<String, Optional<String>> blobOf) {
        MessageDigest sha = CacheVersion.sha1();
        for (String path : paths) {
            Optional<String> blob = blobOf.apply(path);
            if (blob.isEmpty()) {
                return Optional.empty();
            }
            sha.update(path.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(blob.get().getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) '\n');
        }
        return Optional.of(HexFormat.of().formatHex(sha.digest()));
    }
}
