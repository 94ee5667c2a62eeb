package dev.tpsync.patch;

import dev.tpsync.input.InputException;

/**
 * A directory that is in no git repository. Its message advises only what works for every
 * command (run inside a work tree); a command with its own way to name a repository (-C,
 * --git-dir) says so through {@link #withAdvice}, and one that goes on without a repository
 * takes {@link #problem} alone.
 */
public final class NotARepository extends InputException {

    private static final long serialVersionUID = 1L;

    static final String ADVICE = "run tpsync inside a git work tree";

    private final String what;

    NotARepository(String what) {
        super(what + "; " + ADVICE);
        this.what = what;
    }

    private NotARepository(String what, String advice, NotARepository cause) {
        super(what + "; " + advice, cause);
        this.what = what;
    }

    /** Which directory is in no repository, without advice ("not a git repository: x (nor any parent)"). */
    public String problem() {
        return what;
    }

    /** The same failure with {@code advice} instead of the advice every command can follow. */
    public NotARepository withAdvice(String advice) {
        return new NotARepository(what, advice, this);
    }
}
