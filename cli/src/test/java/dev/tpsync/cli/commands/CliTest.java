package dev.tpsync.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tpsync.cli.Cli;
import dev.tpsync.cli.ExitCodes;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command tree Main builds for a run: the invoked subcommand alone, or the whole tree. */
class CliTest {

    private static final String[] ALL = {"review", "scan", "context", "rules", "explain", "index", "cache", "hook",
        "b4-check"};

    @Test
    void aRunRegistersOnlyTheSubcommandItInvokes() {
        CommandLine cmd = Cli.newCommandLine(new String[] {"review", "--staged"});

        assertThat(cmd.getSubcommands()).containsOnlyKeys("review");
    }

    @Test
    void theSubcommandsOwnHelpIsTheSameAsFromTheWholeTree() {
        CommandRun alone = CommandRun.on(Cli.newCommandLine(new String[] {"review", "--help"}), "review", "--help");
        CommandRun whole = CommandRun.of("review", "--help");

        assertThat(alone.exit()).isEqualTo(ExitCodes.OK);
        assertThat(alone.out()).isEqualTo(whole.out()).contains("Usage: tpsync review");
    }

    @Test
    void topLevelHelpStillListsEveryCommandInOrder() {
        CommandRun run = CommandRun.on(Cli.newCommandLine(new String[] {"--help"}), "--help");

        assertThat(run.exit()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).containsSubsequence(ALL);
    }

    @Test
    void anUnknownCommandIsAUsageErrorAgainstTheWholeTree() {
        CommandLine cmd = Cli.newCommandLine(new String[] {"reveiw"});
        CommandRun run = CommandRun.on(cmd, "reveiw");

        assertThat(cmd.getSubcommands()).containsOnlyKeys(ALL);
        assertThat(run.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(run.err()).startsWith("tpsync: ").contains("reveiw");
    }

    @Test
    void aUsageErrorIsOneLineNamingWhatWasWrongAndWhereTheHelpIs() {
        CommandRun unknown = CommandRun.of("review", "--bogus");
        CommandRun extra = CommandRun.of("review", "^master", "s2");
        CommandRun missing = CommandRun.of("scan", ".", "--format");
        CommandRun command = CommandRun.of("reveiw");

        assertThat(unknown.err()).isEqualTo("tpsync: unknown option '--bogus'; see 'tpsync review --help'\n");
        assertThat(extra.err()).isEqualTo("tpsync: unexpected argument 's2'; see 'tpsync review --help'\n");
        assertThat(missing.err()).startsWith("tpsync: missing required parameter for option '--format'")
            .endsWith("; see 'tpsync scan --help'\n").hasLineCount(1);
        assertThat(command.err()).isEqualTo("tpsync: unknown command 'reveiw' (did you mean 'review'?); "
            + "see 'tpsync --help'\n");
        for (CommandRun run : List.of(unknown, extra, missing, command)) {
            assertThat(run.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    void jobsBelowOneIsAnInputErrorNotTheDefault() {
        for (String jobs : new String[] {"0", "-1"}) {
            CommandRun run = CommandRun.of("scan", "--jobs", jobs, "--no-cache", "-q", ".");
            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err()).startsWith("tpsync: --jobs " + jobs + ": give 1 or more (the default is the number"
                + " of cores, ").doesNotContain("\tat ");
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    void optionsOfTheInvokedSubcommandStillParse() {
        CommandRun run = CommandRun.on(Cli.newCommandLine(new String[] {"explain", "lost-rcuidle"}), "explain",
            "lost-rcuidle");

        assertThat(run.exit()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("lost-rcuidle").contains("rcuidle");
    }
}
