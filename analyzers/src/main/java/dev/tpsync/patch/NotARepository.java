package dev.tpsync.patch;

import dev.tpsync.input.InputException;

/**
 * A directory that is in no git repository. Its message advises only what works for every
 * command (run inside a work tree); a command with its own way to name a repository (-C,
 * --git-dir) says so through {@link #withAdvice}, and one that goes on without a repository
 * takes its {@link #problem} alone.
 */
public final class NotARepository extends InputException {

    private static final long serialVersionUID = 1L;

    static final String ADVICE = "run tpsync inside a git work tree";

    NotARepository(String problem) {
        super(problem, ADVICE, null);
    }

    private NotARepository(String problem, String advice, NotARepository cause) {
        super(problem, advice, cause);
    }

    /** The same failure with {@code advice} instead of the advice every command can follow. */
    public NotARepository withAdvice(String advice) {
        return new NotARepository(problem(), advice, this);
    }
}
