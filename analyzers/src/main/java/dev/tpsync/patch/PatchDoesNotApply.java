package dev.tpsync.patch;

import dev.tpsync.input.InputException;

/**
 * A patch whose hunks do not fit the tree it is applied to. Its message advises what a user
 * with patch files can do (another base, or none); {@link #withAdvice} says it for an input
 * where that advice does not fit (a git range, whose commits git itself made).
 */
public final class PatchDoesNotApply extends InputException {

    private static final long serialVersionUID = 1L;

    /** What to do about it, for patch files and mailboxes. */
    static final String PATCH_FILES_ADVICE = "try --base REV or --no-tree";

    PatchDoesNotApply(Patch patch, String problem) {
        super(problem(patch, problem), PATCH_FILES_ADVICE, null);
    }

    private PatchDoesNotApply(String problem, String advice, PatchDoesNotApply cause) {
        super(problem, advice, cause);
    }

    /** Which patch does not apply and why ("patch 2/3 (x) does not apply: ..."). */
    private static String problem(Patch patch, String problem) {
        return "patch " + patch.label() + " does not apply: " + problem;
    }

    /** The same failure with {@code advice} instead of the advice for patch files. */
    public PatchDoesNotApply withAdvice(String advice) {
        return new PatchDoesNotApply(problem(), advice, this);
    }
}
