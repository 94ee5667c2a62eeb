package dev.tpsync.git;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The id git gives an object: SHA-1 of "type size\0" and the content. Computed with the JDK's
 * SHA-1 rather than JGit's {@code ObjectInserter}: JGit's first SHA-1 reads the user and system
 * configuration to choose its implementation (and asks {@code git} where the system file is),
 * ~25 ms of CPU on the hook's main thread. (JGit's default also detects SHA-1 collision attacks;
 * tpsync compares ids of files it reads with ids git wrote, which no attack changes.)
 */
public final class ObjectIds {

    private ObjectIds() {
    }

    /** The id of an object of {@code type} ({@link GitObject#BLOB}, ...) with {@code content}. */
    public static ObjectId of(int type, byte[] content) {
        return of(digest(), type, content);
    }

    /**
     * As {@link #of(int, byte[])}, hashed with {@code sha}, a SHA-1 from {@link #digest()} reused
     * for many objects in a row (a digest is reset by each id): finding one through the security
     * providers costs more than hashing a small tree, and a fresh worktree's index has ~800 trees
     * to hash.
     */
    public static ObjectId of(MessageDigest sha, int type, byte[] content) {
        // The header is built without string concatenation: its first use links a call site (~1 ms cold).
        String header = new StringBuilder(16).append(name(type)).append(' ').append(content.length).append('\0')
            .toString();
        sha.update(header.getBytes(StandardCharsets.US_ASCII));
        sha.update(content);
        return ObjectId.fromRaw(sha.digest());
    }

    private static String name(int type) {
        return switch (type) {
            case GitObject.COMMIT -> "commit";
            case GitObject.TREE -> "tree";
            case GitObject.BLOB -> "blob";
            case GitObject.TAG -> "tag";
            default -> throw new IllegalArgumentException("no git object type " + type);
        };
    }

    /** A SHA-1 digest, for {@link #of(MessageDigest, int, byte[])}. */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-1", e);
        }
    }
}
