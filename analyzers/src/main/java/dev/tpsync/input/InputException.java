package dev.tpsync.input;

/**
 * A problem with what the user gave tpsync (a bad range, a corrupt mbox, a patch that does
 * not apply, a bad config). The message is one line for people: what input was wrong and
 * how to fix it. The CLI maps it to exit code 2 and prints no stack trace.
 *
 * <p>Where the advice names options of one command, the problem is kept apart from it: a
 * command with other options says its own ({@code withAdvice} in the subclasses), and b4-check,
 * whose user can follow none, reports the {@link #problem} alone.
 */
public class InputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String problem;

    public InputException(String message) {
        super(message);
        this.problem = message;
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
        this.problem = message;
    }

    /** {@code problem}, then {@code advice} on what to do about it: "PROBLEM; ADVICE". */
    protected InputException(String problem, String advice, Throwable cause) {
        super(problem + "; " + advice, cause);
        this.problem = problem;
    }

    /** What was wrong, without the advice (the whole message when it has none). */
    public String problem() {
        return problem;
    }
}
