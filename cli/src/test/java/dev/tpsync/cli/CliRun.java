package dev.tpsync.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of tpsync's command line, with what it printed (for tests outside the commands package). */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cmd = Cli.newCommandLine();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int code = cmd.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
