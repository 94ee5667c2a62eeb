package dev.tpsync.git;

/**
 * An object of a git object database: its type (git's numbers, {@code 1} commit, {@code 2} tree,
 * {@code 3} blob, {@code 4} tag, as JGit's {@code Constants.OBJ_*}) and its inflated content.
 * The bytes are the reader's: never modify them.
 */
public record GitObject(int type, byte[] data) {

    public static final int COMMIT = 1;
    public static final int TREE = 2;
    public static final int BLOB = 3;
    public static final int TAG = 4;
}
