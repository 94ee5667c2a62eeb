package dev.tpsync.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The identity of a slice made from another: a digest of its parent's identity, how it was
 * made and what went into it (the paths and blob ids of the files put in or taken out, the
 * names a wider slice adds). A slice's content is a pure function of its parent's and of
 * those, so two slices with the same lineage are the same slice, and the models built from
 * one serve the other: a series reviewed again after its last patch was amended finds the
 * slice models of the patches before it in the cache. Only a slice made from a whole tree
 * draws a new identity ({@link ContextSlice#newId}); hashing its ~17,000 functions would cost
 * a hook run more than the identity saves.
 */
final class SliceLineage {

    private final MessageDigest digest;

    /** The lineage of a slice made from {@code parentId} the way {@code how} names. */
    SliceLineage(String parentId, String how) {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        add(parentId).add(how);
    }

    /** Adds one part; parts are separated, so ("ab", "c") and ("a", "bc") differ. */
    SliceLineage add(String part) {
        digest.update(part.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        return this;
    }

    /** The identity: 128 bits of the digest, in hex, as long as a drawn one. */
    String id() {
        byte[] bytes = digest.digest();
        return HexFormat.of().formatHex(bytes, 0, 16);
    }
}
