package dev.tpsync.cache;

import dev.tpsync.c.structure.FileFacts;
import dev.tpsync.c.structure.FunctionDef;
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

    /**
     * The key of part of a tree, {@code files}, each a file's facts with only some of its
     * functions (a context slice's): every path with its blob id and the names of the functions
     * kept, in order. Which functions a file keeps is all that tells its facts from its blob's;
     * empty when a path's blob id is not known.
     */
    public static Optional<String> ofKept(List<FileFacts> files, Function<String, Optional<String>> blobOf) {
        MessageDigest sha = CacheVersion.sha1();
        for (FileFacts f : files) {
            Optional<String> blob = blobOf.apply(f.path());
            if (blob.isEmpty()) {
                return Optional.empty();
            }
            sha.update(f.path().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(blob.get().getBytes(StandardCharsets.US_ASCII));
            for (FunctionDef fn : f.functions()) {
                sha.update((byte) ' ');
                sha.update(fn.name().getBytes(StandardCharsets.UTF_8));
            }
            sha.update((byte) '\n');
        }
        return Optional.of(HexFormat.of().formatHex(sha.digest()));
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
