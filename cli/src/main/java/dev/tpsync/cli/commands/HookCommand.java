package dev.tpsync.cli.commands;

import dev.tpsync.cli.ExitCodes;
import dev.tpsync.cli.hook.PreCommitHook;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tpsync hook install|uninstall}: the git pre-commit hook that runs {@code tpsync review --staged}. */
@Command(name = "hook",
    description = {"Install or remove the git pre-commit hook that runs 'tpsync review --staged'.",
        "The hook goes where git looks for hooks (core.hooksPath, worktrees: git rev-parse --git-path hooks)."},
    mixinStandardHelpOptions = true,
    subcommands = {HookCommand.Install.class, HookCommand.Uninstall.class},
    footer = {"%nExamples:",
        "  tpsync hook install                 refuses when a pre-commit hook exists",
        "  tpsync hook install --chain         keep the existing hook and run it first",
        "  tpsync hook install --force         replace it (kept as pre-commit.tpsync-backup)",
        "  tpsync hook uninstall               remove tpsync's hook, restore the earlier one",
        ExitCodes.HELP_SECTION})
public final class HookCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: install or uninstall");
    }

    @Command(name = "install", mixinStandardHelpOptions = true,
        description = {"Write the pre-commit hook. An existing hook that tpsync did not write is kept:",
            "the command refuses unless --chain (run it first) or --force (move it aside) is given."},
        footer = ExitCodes.HELP_SECTION)
    static final class Install implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = {"-C", "--repo"}, paramLabel = "DIR", description = "the git repository (default: .)")
        Path repoDir;

        @Option(names = "--chain", description = "keep an existing hook (as pre-commit.tpsync-chained) and run it first")
        boolean chain;

        @Option(names = "--force", description = "replace an existing hook, keeping it as pre-commit.tpsync-backup")
        boolean force;

        @Override
        public Integer call() {
            if (chain && force) {
                throw new ParameterException(spec.commandLine(), "choose one of --chain and --force");
            }
            PreCommitHook hook = PreCommitHook.locate(repoDir != null ? repoDir : Path.of("."));
            PreCommitHook.Mode mode = chain ? PreCommitHook.Mode.CHAIN
                : force ? PreCommitHook.Mode.FORCE : PreCommitHook.Mode.REFUSE;
            String done = hook.install(PreCommitHook.tpsyncCommand(), mode);
            spec.commandLine().getOut().println(done);
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "uninstall", mixinStandardHelpOptions = true,
        description = {"Remove tpsync's pre-commit hook and restore the hook it chained or backed up.",
            "A pre-commit hook that tpsync did not write is left alone (exit 2)."},
        footer = ExitCodes.HELP_SECTION)
    static final class Uninstall implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = {"-C", "--repo"}, paramLabel = "DIR", description = "the git repository (default: .)")
        Path repoDir;

        @Override
        public Integer call() {
            String done = PreCommitHook.locate(repoDir != null ? repoDir : Path.of(".")).uninstall();
            spec.commandLine().getOut().println(done);
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }
}
