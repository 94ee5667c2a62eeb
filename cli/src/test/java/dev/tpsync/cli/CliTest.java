package dev.tpsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command tree Main builds for a run: the invoked subcommand alone, or the whole tree. */
class CliTest {

    private record Run(int exit, String out, String err) {
    }

    private static Run run(CommandLine cmd, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exit = cmd.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void aRunRegistersOnlyTheSubcommandItInvokes() {
        CommandLine cmd = Cli.newCommandLine(new String[] {"review", "--staged"});

        assertThat(cmd.getSubcommands()).containsOnlyKeys("review");
    }

    @Test
    void theSubcommandsOwnHelpIsTheSameAsFromTheWholeTree() {
        Run alone = run(Cli.newCommandLine(new String[] {"review", "--help"}), "review", "--help");
        Run whole = run(Cli.newCommandLine(), "review", "--help");

        assertThat(alone.exit()).isEqualTo(ExitCodes.OK);
        assertThat(alone.out()).isEqualTo(whole.out()).contains("Usage: tpsync review");
    }

    @Test
    void topLevelHelpStillListsEveryCommandInOrder() {
        Run run = run(Cli.newCommandLine(new String[] {"--help"}), "--help");

        assertThat(run.exit()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).containsSubsequence("review", "scan", "context", "rules", "explain", "index", "cache",
            "hook", "b4-check");
    }

    @Test
    void anUnknownCommandIsAUsageErrorAgainstTheWholeTree() {
        CommandLine cmd = Cli.newCommandLine(new String[] {"reveiw"});
        Run run = run(cmd, "reveiw");

        assertThat(cmd.getSubcommands()).hasSize(TpsyncCommand.SUBCOMMANDS.size());
        assertThat(run.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(run.err()).startsWith("tpsync: ").contains("reveiw");
    }

    @Test
    void optionsOfTheInvokedSubcommandStillParse() {
        Run run = run(Cli.newCommandLine(new String[] {"explain", "lost-rcuidle"}), "explain", "lost-rcuidle");

        assertThat(run.exit()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("lost-rcuidle").contains("rcuidle");
    }
}
