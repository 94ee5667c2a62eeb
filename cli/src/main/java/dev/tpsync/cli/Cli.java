package dev.tpsync.cli;

import dev.tpsync.input.InputException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Builds the picocli command line with tpsync's error handling: a user input problem is one
 * line and exit 2, a bug is one line and exit 3, and a stack trace only with {@code -v}.
 * Tests call {@link #newCommandLine()} in-process.
 */
public final class Cli {

    private Cli() {
    }

    public static CommandLine newCommandLine() {
        CommandLine cmd = new CommandLine(new TpsyncCommand());
        cmd.setExecutionExceptionHandler(new Errors());
        cmd.setParameterExceptionHandler(new UsageErrors());
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        return cmd;
    }

    private static final class Errors implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
            PrintWriter err = cmd.getErr();
            boolean verbose = parsed.hasMatchedOption("-v") || parsed.subcommands().stream()
                .anyMatch(s -> s.hasMatchedOption("-v"));
            Throwable cause = unwrap(e);
            if (cause instanceof InputException) {
                err.println("tpsync: " + cause.getMessage());
                if (verbose) {
                    cause.printStackTrace(err);
                }
                err.flush();
                return ExitCodes.INPUT_ERROR;
            }
            err.println("tpsync: internal error: " + cause + (verbose ? "" : " (run with -v for details)"));
            if (verbose) {
                cause.printStackTrace(err);
            }
            err.flush();
            return ExitCodes.INTERNAL_ERROR;
        }

        private static Throwable unwrap(Throwable e) {
            Throwable t = e;
            while (!(t instanceof InputException) && t.getCause() != null && t.getCause() != t) {
                t = t.getCause();
            }
            return t instanceof InputException ? t : e;
        }
    }

    private static final class UsageErrors implements IParameterExceptionHandler {
        @Override
        public int handleParseException(ParameterException ex, String[] args) {
            CommandLine cmd = ex.getCommandLine();
            PrintWriter err = cmd.getErr();
            err.println("tpsync: " + ex.getMessage());
            err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
            err.flush();
            return ExitCodes.INPUT_ERROR;
        }
    }
}
