package dev.tpsync.cli.commands;

import dev.tpsync.cli.Cli;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One in-process run of the command line, with what it printed: the tests' way to call tpsync. */
record CommandRun(int exit, String out, String err) {

    static CommandRun of(String... args) {
        return on(Cli.newCommandLine(), args);
    }

    /** A run of {@code args} on the given command tree. */
    static CommandRun on(CommandLine cmd, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int exit = cmd.execute(args);
        return new CommandRun(exit, out.toString(), err.toString());
    }
}
