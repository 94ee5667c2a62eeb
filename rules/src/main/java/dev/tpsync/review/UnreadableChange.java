package dev.tpsync.review;

import dev.tpsync.c.Diagnostic;
import dev.tpsync.input.InputException;
import dev.tpsync.patch.Patch;

/**
 * A patch that leaves a C file it touches unreadable as C where the file before it was
 * readable: it would not build, and findings on it would be guesses. It applied, so no other
 * base will help: b4-check says so rather than trying one.
 */
public final class UnreadableChange extends InputException {

    private static final long serialVersionUID = 1L;

    private final String leaves;

    UnreadableChange(Patch patch, String path, Diagnostic first) {
        this(patch, "leaves " + path + " unreadable as C (line " + first.line() + ": " + first.message() + ")",
            "it would not build, and tpsync cannot judge it", "fix the patch");
    }

    /**
     * {@code path}, a C file, changed in a way git shows as binary: a NUL byte or a carriage
     * return alone in it. gcc builds such a file, but git (and JGit) gives no text to diff.
     */
    static UnreadableChange binary(Patch patch, String path) {
        return new UnreadableChange(patch, "leaves " + path + " a file git shows as binary (a NUL byte or a carriage"
            + " return alone in it)", "git gives no text of the change, and tpsync cannot judge it",
            "remove the stray byte");
    }

    private UnreadableChange(Patch patch, String leaves, String why, String advice) {
        super("patch " + patch.label() + " " + leaves + ": " + why, advice, null);
        this.leaves = leaves;
    }

    /** What the patch leaves, without the patch or advice: "leaves kernel/x.c unreadable as C (line 3: ...)". */
    public String leaves() {
        return leaves;
    }
}
