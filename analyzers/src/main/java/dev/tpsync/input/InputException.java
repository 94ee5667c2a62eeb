package dev.tpsync.input;

/**
 * A problem with what the user gave tpsync (a bad range, a corrupt mbox, a patch that does
 * not apply, a bad config). The message is one line for people: what input was wrong and
 * how to fix it. The CLI maps it to exit code 2 and prints no stack trace.
 */
public class InputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
