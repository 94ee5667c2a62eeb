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

    private final String problem;

    UnreadableChange(Patch patch, String path, Diagnostic first) {
        this(problem(path, first), patch);
    }

    private UnreadableChange(String problem, Patch patch) {
        super("patch " + patch.label() + " " + problem + ": it would not build, and tpsync cannot judge it; fix the"
            + " patch");
        this.problem = problem;
    }

    private static String problem(String path, Diagnostic first) {
        return "leaves " + path + " unreadable as C (line " + first.line() + ": " + first.message() + ")";
    }

    /** What is wrong, without the patch or advice: "leaves kernel/x.c unreadable as C (line 3: ...)". */
    public String problem() {
        return problem;
    }
}
