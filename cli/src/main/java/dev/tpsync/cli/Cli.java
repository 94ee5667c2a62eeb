package dev.tpsync.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Builds the picocli command line with tpsync's error handling: a user input problem is one
 * line and exit 2, a bug is one line and exit 3, and a stack trace only with {@code -v}.
 * Tests call {@link #newCommandLine()} in-process.
 */
public final class Cli {

    private Cli() {
    }

    /** The whole command tree. */
    public static CommandLine newCommandLine() {
        return withHandlers(withSubcommands(TpsyncCommand.SUBCOMMANDS));
    }

    /**
     * The command tree for running {@code args}: when the first argument names a subcommand,
     * only that one is registered. Picocli builds each registered command's model by reflection
     * over its options and mixins, which cost a pre-commit hook ~0.1 s for eight commands it
     * does not run. Anything else (no argument, --help, a typo to suggest a command for) gets
     * the whole tree, so help and usage errors read as before.
     */
    public static CommandLine newCommandLine(String[] args) {
        if (args.length > 0) {
            for (Class<?> sub : TpsyncCommand.SUBCOMMANDS) {
                Command command = sub.getAnnotation(Command.class);
                if (command.name().equals(args[0]) || List.of(command.aliases()).contains(args[0])) {
                    return withHandlers(withSubcommands(List.of(sub)));
                }
            }
        }
        return newCommandLine();
    }

    private static CommandLine withSubcommands(List<Class<?>> subcommands) {
        CommandLine cmd = new CommandLine(new TpsyncCommand());
        for (Class<?> sub : subcommands) {
            cmd.addSubcommand(sub);
        }
        return cmd;
    }

    private static CommandLine withHandlers(CommandLine cmd) {
        cmd.setOut(StandardStreams.out());
        cmd.setErr(StandardStreams.err());
        cmd.setExecutionExceptionHandler(new Errors());
        cmd.setParameterExceptionHandler(new UsageErrors());
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        return cmd;
    }

    private static final class Errors implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
            boolean verbose = parsed.hasMatchedOption("-v") || parsed.subcommands().stream()
                .anyMatch(s -> s.hasMatchedOption("-v"));
            return ExitCodes.ofFailure(e, cmd.getErr(), verbose);
        }
    }

    /** A usage error is one line, as every input error is: what was wrong, and where the help is. */
    private static final class UsageErrors implements IParameterExceptionHandler {
        @Override
        public int handleParseException(ParameterException ex, String[] args) {
            CommandLine cmd = ex.getCommandLine();
            PrintWriter err = cmd.getErr();
            err.println("tpsync: " + problem(ex) + "; see '" + cmd.getCommandSpec().qualifiedName() + " --help'");
            err.flush();
            return ExitCodes.INPUT_ERROR;
        }
    }

    /** What was wrong with the command line, in one line ("unknown option '--bogus'"). */
    static String problem(ParameterException ex) {
        if (ex instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            List<String> unmatched = u.getUnmatched();
            String quoted = "'" + String.join("', '", unmatched) + "'";
            String what = u.isUnknownOption() ? "unknown option" : u.getCommandLine().getSubcommands().isEmpty()
                ? "unexpected argument" : "unknown command";
            List<String> suggestions = u.getSuggestions();
            return what + (unmatched.size() == 1 ? " " : "s ") + quoted + (suggestions.isEmpty() ? ""
                : " (did you mean '" + String.join("' or '", suggestions.subList(0, Math.min(3, suggestions.size())))
                + "'?)");
        }
        String message = ex.getMessage() == null ? "invalid command line" : ex.getMessage().strip();
        message = String.join("; ", message.lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
        // picocli's own messages start with a capital ("Missing required parameter ..."); ours do not.
        if (message.length() > 1 && Character.isUpperCase(message.charAt(0))
                && Character.isLowerCase(message.charAt(1))) {
            message = Character.toLowerCase(message.charAt(0)) + message.substring(1);
        }
        return message;
    }
}
