package dev.tpsync.cli;

import dev.tpsync.input.InputException;
import java.io.PrintWriter;

/** The process exit codes, in one place (DESIGN.md "Commands"). */
public final class ExitCodes {

    /** Nothing at or above the fail level. */
    public static final int OK = 0;
    /** Findings at or above the fail level. */
    public static final int FINDINGS = 1;
    /** Usage or input error: bad range, unreadable patch, corrupt mbox, bad config. */
    public static final int INPUT_ERROR = 2;
    /** Internal error: a bug in tpsync. */
    public static final int INTERNAL_ERROR = 3;

    public static final String HELP_SECTION = "%nExit codes:%n"
        + "  0  nothing at or above --fail-on%n"
        + "  1  findings at or above --fail-on%n"
        + "  2  usage or input error (bad range, unreadable patch, corrupt mbox, bad config)%n"
        + "  3  internal error (please report it, with -v output)%n";

    private ExitCodes() {
    }

    /**
     * The exit code of a command that threw {@code e}, once one line on {@code err} says why:
     * a user input problem (an {@link InputException} among the causes) is {@link #INPUT_ERROR},
     * anything else a bug, {@link #INTERNAL_ERROR}; the stack trace follows only when {@code verbose}.
     */
    public static int ofFailure(Exception e, PrintWriter err, boolean verbose) {
        Throwable cause = inputProblem(e);
        if (cause instanceof InputException) {
            err.println("tpsync: " + cause.getMessage());
            if (verbose) {
                cause.printStackTrace(err);
            }
            err.flush();
            return INPUT_ERROR;
        }
        err.println("tpsync: internal error: " + cause + (verbose ? "" : " (run with -v for details)"));
        if (verbose) {
            cause.printStackTrace(err);
        }
        err.flush();
        return INTERNAL_ERROR;
    }

    /** The {@link InputException} among {@code e}'s causes, or {@code e} itself when there is none. */
    private static Throwable inputProblem(Throwable e) {
        Throwable t = e;
        while (!(t instanceof InputException) && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t instanceof InputException ? t : e;
    }
}
