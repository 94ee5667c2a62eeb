package dev.tpsync.cli.review;

import static dev.tpsync.cli.review.ReviewFixtures.git;
import static dev.tpsync.cli.review.ReviewFixtures.patchFiles;
import static dev.tpsync.cli.review.ReviewFixtures.repoWithTree;
import static dev.tpsync.cli.review.ReviewFixtures.root;
import static dev.tpsync.cli.review.ReviewFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tpsync.cli.commands.ReviewCommand;
import dev.tpsync.cli.hook.HookCommandLine;
import dev.tpsync.cli.hook.PreCommitHook;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The pre-commit hook's command line run without picocli (HookCommandLine) is the run picocli
 * makes of it: the same options, and on a repository the same output and exit code.
 */
class HookCommandLineTest {

    @TempDir
    Path tmp;

    @Test
    void onlyTheHooksArgumentsToTheLetterSkipPicocli() {
        assertThat(HookCommandLine.matches(new String[] {"review", "--staged"})).isTrue();

        assertThat(HookCommandLine.matches(new String[] {"review", "--staged", "-v"})).isFalse();
        assertThat(HookCommandLine.matches(new String[] {"--staged", "review"})).isFalse();
        assertThat(HookCommandLine.matches(new String[] {"review"})).isFalse();
        assertThat(HookCommandLine.matches(new String[] {"review", "--staged=true"})).isFalse();
        assertThat(HookCommandLine.matches(new String[0])).isFalse();
    }

    @Test
    void theHookScriptPassesTheArgumentsThatSkipPicocli() {
        String script = PreCommitHook.script(List.of("/opt/tpsync/tpsync"), false);

        assertThat(script).contains("exec /opt/tpsync/tpsync review --staged\n");
    }

    @Test
    void everyOptionHoldsWhatPicocliGivesItForTheHooksArguments() {
        assertSameOptions(parsed("--staged"), made(Optional.empty()));
    }

    @Test
    void withARepositoryEveryOptionHoldsWhatPicocliGivesItForDashC() {
        Path repo = tmp.resolve("elsewhere");

        assertSameOptions(parsed("--staged", "-C", repo.toString()), made(Optional.of(repo)));
    }

    @Test
    void aStagedHazardIsReportedAsPicocliReportsIt() throws IOException {
        Path viaPicocli = stagedRepo("picocli");
        Path viaHook = stagedRepo("hook");

        ReviewFixtures.Run expected = run("review", "--staged", "-C", viaPicocli.toString());
        ReviewFixtures.Run actual = hookRun(viaHook);

        assertThat(expected.exit()).as(expected.err()).isEqualTo(1);
        assertThat(actual.exit()).isEqualTo(expected.exit());
        assertThat(actual.out()).contains("[lost-rcuidle]").isEqualTo(expected.out());
        assertThat(actual.err().replace(viaHook.toString(), "REPO"))
            .isEqualTo(expected.err().replace(viaPicocli.toString(), "REPO"));
    }

    @Test
    void outsideARepositoryTheHookSaysSoInOneLineAndExits2AsPicocliDoes() throws IOException {
        Path plain = Files.createDirectories(tmp.resolve("plain"));

        ReviewFixtures.Run expected = run("review", "--staged", "-C", plain.toString());
        ReviewFixtures.Run actual = hookRun(plain);

        assertThat(actual.exit()).isEqualTo(expected.exit()).isEqualTo(2);
        assertThat(actual.out()).isEmpty();
        assertThat(actual.errLines()).hasSize(1).containsExactlyElementsOf(expected.errLines());
        assertThat(actual.err()).startsWith("tpsync: not a git repository");
    }

    private Path stagedRepo(String name) throws IOException {
        Path repo = tmp.resolve(name);
        repoWithTree(repo);
        Path patch = patchFiles(root().resolve("series").resolve("intro-lost-rcuidle")).get(0);
        git(repo, "apply", "--index", patch.toString());
        return repo;
    }

    private static ReviewFixtures.Run hookRun(Path repo) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = HookCommandLine.run(Optional.of(repo), new PrintWriter(out), new PrintWriter(err));
        return new ReviewFixtures.Run(exit, out.toString(), err.toString());
    }

    /** The review command as picocli parses {@code args} into it. */
    private static CommandSpec parsed(String... args) {
        CommandLine review = new CommandLine(new ReviewCommand());
        review.parseArgs(args);
        return review.getCommandSpec();
    }

    /** The hook's review command, read through picocli's model of it (made without parsing anything). */
    private static CommandSpec made(Optional<Path> repo) {
        StringWriter sink = new StringWriter();
        return new CommandLine(ReviewCommand.ofStagedIndex(repo, new PrintWriter(sink), new PrintWriter(sink)))
            .getCommandSpec();
    }

    private static void assertSameOptions(CommandSpec expected, CommandSpec actual) {
        Map<String, Object> values = values(expected);
        // Every option of review and its mixins, not an empty comparison.
        assertThat(values).containsKeys("--staged", "--repo", "--format", "--fail-on", "--color", "--rules", "--jobs",
            "--no-cache", "--config", "--plugin", "--baseline", "RANGE");
        assertThat(values(actual)).isEqualTo(values);
    }

    /** Each option's value by its longest name, each positional parameter's by its label. */
    private static Map<String, Object> values(CommandSpec command) {
        Map<String, Object> values = new TreeMap<>();
        for (ArgSpec arg : command.args()) {
            String name = arg instanceof OptionSpec option ? option.longestName() : arg.paramLabel();
            values.put(name, Optional.ofNullable((Object) arg.getValue()));
        }
        return values;
    }
}
