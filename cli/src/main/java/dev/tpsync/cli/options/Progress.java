package dev.tpsync.cli.options;

import java.io.PrintWriter;

/**
 * A one-line progress display on stderr for long work (a tree scan). Shown only when stderr
 * is a terminal, so logs, CI and hooks stay clean; updates at most every 100 ms.
 */
public final class Progress {

    private final PrintWriter err;
    private final String what;
    private final int total;
    private final boolean enabled;
    private long lastUpdate;

    private Progress(PrintWriter err, String what, int total, boolean enabled) {
        this.err = err;
        this.what = what;
        this.total = total;
        this.enabled = enabled;
    }

    public static Progress forStderr(PrintWriter err, String what, int total) {
        return new Progress(err, what, total, stderrIsTerminal());
    }

    /**
     * Java cannot ask whether stderr alone is a terminal; the launcher script can ({@code [ -t 2 ]})
     * and passes the answer as {@code -Dtpsync.stderr.tty=true}.
     */
    static boolean stderrIsTerminal() {
        return Boolean.getBoolean("tpsync.stderr.tty") && System.getenv("TPSYNC_NO_PROGRESS") == null;
    }

    public static Progress none() {
        return new Progress(null, "", 0, false);
    }

    public void update(int done) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastUpdate < 100_000_000L && done < total) {
            return;
        }
        lastUpdate = now;
        int percent = total == 0 ? 100 : (int) (100L * done / total);
        err.print("\r" + what + " " + done + "/" + total + " files (" + percent + "%)");
        err.flush();
    }

    public void done() {
        if (enabled) {
            err.print("\r\033[K");
            err.flush();
        }
    }
}
