package dev.tpsync.cli.hook;

import dev.tpsync.cli.ExitCodes;
import dev.tpsync.cli.StandardStreams;
import dev.tpsync.cli.commands.ReviewCommand;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The command line the pre-commit hook runs, {@code review --staged}, run without picocli's
 * model of the command line. Building that model reads every option of the root command, of
 * review and of its mixins by reflection, and makes a proxy class for each annotation type:
 * ~50 ms of a ~0.4 s hook run on 6.1, on the critical path (benchmarks/README.md). For exactly
 * these arguments picocli makes a {@link ReviewCommand} with --staged set and every other option
 * at its default, which is its field's initial value: {@link ReviewCommand#ofStagedIndex} makes
 * the same one. HookCommandLineTest holds the two to the same options and the same output; any
 * other command line, even one that means the same, goes through picocli.
 */
public final class HookCommandLine {

    /** The arguments the hook passes (PreCommitHook#script writes them). */
    public static final List<String> ARGUMENTS = List.of("review", "--staged");

    private HookCommandLine() {
    }

    /** Whether {@code args} are the hook's, to the letter. */
    public static boolean matches(String[] args) {
        return Arrays.asList(args).equals(ARGUMENTS);
    }

    /** Runs the hook's review of the repository at the working directory; returns the exit code. */
    public static int run() {
        return run(Optional.empty(), StandardStreams.out(), StandardStreams.err());
    }

    /**
     * Runs {@code review --staged} on {@code repo} (the working directory when empty), writing
     * to {@code out} and {@code err}; returns the exit code picocli's run would return, after
     * the message its handler would print (Cli).
     */
    public static int run(Optional<Path> repo, PrintWriter out, PrintWriter err) {
        try {
            return ReviewCommand.ofStagedIndex(repo, out, err).call();
        } catch (Exception e) {
            // The hook's arguments have no -v: no stack trace, as with picocli's handler.
            return ExitCodes.ofFailure(e, err, false);
        }
    }
}
