package dev.tpsync.cli;

import dev.tpsync.cli.commands.B4CheckCommand;
import dev.tpsync.cli.commands.CacheCommand;
import dev.tpsync.cli.commands.ContextCommand;
import dev.tpsync.cli.commands.ExplainCommand;
import dev.tpsync.cli.commands.HookCommand;
import dev.tpsync.cli.commands.IndexCommand;
import dev.tpsync.cli.commands.ReviewCommand;
import dev.tpsync.cli.commands.RulesCommand;
import dev.tpsync.cli.commands.ScanCommand;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The root command: only a dispatcher; every job is a subcommand. */
@Command(name = "tpsync",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
        "Review Linux kernel patches for tracepoint synchronization hazards:",
        "lost rcuidle state, SRCU read-side cost, RCU in NMI-reachable perf glue,",
        "and probes freed without tracepoint_synchronize_unregister()."},
    footer = {"%nExamples:",
        "  tpsync scan testdata/demo                  scan a tree",
        "  tpsync review origin/master..HEAD          review commits of a range",
        "  tpsync hook install                        review staged changes at each commit",
        "  git config b4.review-perpatch-check-cmd 'tpsync b4-check'",
        ExitCodes.HELP_SECTION})
public final class TpsyncCommand implements Runnable {

    /**
     * The subcommands, in the order help lists them. They are registered by {@link Cli}, not
     * by the annotation: picocli reads every registered command's options by reflection, and a
     * run needs only the one it invokes (see Cli#newCommandLine(String[])).
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(ReviewCommand.class, ScanCommand.class, ContextCommand.class,
        RulesCommand.class, ExplainCommand.class, IndexCommand.class, CacheCommand.class, HookCommand.class,
        B4CheckCommand.class);

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command");
    }
}
