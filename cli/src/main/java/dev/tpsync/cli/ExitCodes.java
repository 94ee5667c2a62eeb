package dev.tpsync.cli;

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
}
