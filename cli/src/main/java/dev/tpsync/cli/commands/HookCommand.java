package dev.tpsync.cli.commands;

import dev.tpsync.cache.FactCache;
import dev.tpsync.cli.ExitCodes;
import dev.tpsync.cli.hook.CacheWarmUp;
import dev.tpsync.cli.hook.PreCommitHook;
import dev.tpsync.cli.hook.WarmUpHooks;
import dev.tpsync.cli.options.AnalysisOptions;
import dev.tpsync.cli.options.PhaseTimer;
import dev.tpsync.patch.NotARepository;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code tpsync hook install|uninstall|warm}: the git pre-commit hook that runs
 * {@code tpsync review --staged}, and the hooks that warm the cache for it after git moves HEAD.
 */
@Command(name = "hook",
    description = {"Install or remove the git pre-commit hook that runs 'tpsync review --staged'.",
        "With it come post-merge, post-checkout, post-rewrite and post-commit hooks that",
        "warm its cache in the background ('tpsync hook warm').",
        "The hooks go where git looks for hooks (core.hooksPath, worktrees: git rev-parse --git-path hooks)."},
    mixinStandardHelpOptions = true,
    subcommands = {HookCommand.Install.class, HookCommand.Uninstall.class, HookCommand.Warm.class},
    footer = {"%nExamples:",
        "  tpsync hook install                 refuses when a pre-commit hook exists",
        "  tpsync hook install --chain         keep the existing hooks and run them first",
        "  tpsync hook install --force         replace them (kept as <hook>.tpsync-backup)",
        "  tpsync hook install --no-warm       the pre-commit hook alone",
        "  tpsync hook uninstall               remove tpsync's hooks, restore the earlier ones",
        "  tpsync hook warm                    load HEAD's tree into the cache now",
        ExitCodes.HELP_SECTION})
public final class HookCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: install, uninstall or warm");
    }

    @Command(name = "install", mixinStandardHelpOptions = true,
        description = {"Write the pre-commit hook. An existing hook that tpsync did not write is kept:",
            "the command refuses unless --chain (run it first) or --force (move it aside) is given.",
            "Also writes post-merge, post-checkout, post-rewrite and post-commit hooks that",
            "run 'tpsync hook warm' in the background; an existing one of those is left",
            "alone without --chain or --force."},
        footer = ExitCodes.HELP_SECTION)
    static final class Install implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = {"-C", "--repo"}, paramLabel = "DIR", description = "the git repository (default: .)")
        Path repoDir;

        @Option(names = "--chain", description = "keep an existing hook (as <hook>.tpsync-chained) and run it first")
        boolean chain;

        @Option(names = "--force", description = "replace an existing hook, keeping it as <hook>.tpsync-backup")
        boolean force;

        @Option(names = "--no-warm", description = "write the pre-commit hook only, no hooks that warm the cache")
        boolean noWarm;

        @Override
        public Integer call() {
            if (chain && force) {
                throw new ParameterException(spec.commandLine(), "choose one of --chain and --force");
            }
            PreCommitHook hook = PreCommitHook.locateForCommits(repoDir != null ? repoDir : Path.of("."));
            PreCommitHook.Mode mode = chain ? PreCommitHook.Mode.CHAIN
                : force ? PreCommitHook.Mode.FORCE : PreCommitHook.Mode.REFUSE;
            List<String> command = PreCommitHook.tpsyncCommand();
            PrintWriter out = spec.commandLine().getOut();
            out.println(hook.install(command, mode));
            if (!noWarm) {
                new WarmUpHooks(hook.hooksDir()).install(command, mode).forEach(out::println);
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "uninstall", mixinStandardHelpOptions = true,
        description = {"Remove tpsync's hooks and restore those they chained or backed up.",
            "A pre-commit hook that tpsync did not write is left alone (exit 2)."},
        footer = ExitCodes.HELP_SECTION)
    static final class Uninstall implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = {"-C", "--repo"}, paramLabel = "DIR", description = "the git repository (default: .)")
        Path repoDir;

        @Override
        public Integer call() {
            PreCommitHook hook = PreCommitHook.locate(repoDir != null ? repoDir : Path.of("."));
            PrintWriter out = spec.commandLine().getOut();
            // The pre-commit hook first: one that is not tpsync's stops the command, nothing removed.
            out.println(hook.uninstall());
            new WarmUpHooks(hook.hooksDir()).uninstall().forEach(out::println);
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "warm", mixinStandardHelpOptions = true,
        description = {"Load HEAD's tree into the cache ahead of the next pre-commit hook run.",
            "Facts, call graph, context summary and slice, as the first hook run on a HEAD",
            "would load them: that run then takes the short way. The hooks 'install' writes",
            "run it in the background after a pull, a checkout of a branch, a rebase, an",
            "amend or a commit made with --no-verify. One runs at a time per cache; it",
            "warms again while HEAD moves under it."},
        footer = ExitCodes.HELP_SECTION)
    static final class Warm implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = {"-C", "--repo"}, paramLabel = "DIR", description = "the git repository (default: .)")
        Path repoDir;

        @Mixin
        AnalysisOptions analysis = new AnalysisOptions();

        @Override
        public Integer call() {
            if (!analysis.useCache()) {
                throw new ParameterException(spec.commandLine(), "--no-cache: warm fills the cache, there is nothing "
                    + "to do without it");
            }
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            CacheWarmUp.Outcome outcome;
            try {
                outcome = new CacheWarmUp(analysis.jobs(), err, analysis.quiet(),
                    new PhaseTimer(err, analysis.verbose())).run(repoDir != null ? repoDir : Path.of("."));
            } catch (NotARepository e) {
                throw e.withAdvice("run it inside a git work tree, or name one with -C DIR");
            }
            if (outcome.locked()) {
                out.println("another 'tpsync hook warm' is warming this repository's cache: left it to that one");
            } else if (outcome.rounds().isEmpty()) {
                out.println("no commit yet: nothing to warm");
            }
            for (CacheWarmUp.Round round : outcome.rounds()) {
                String tree = round.tree().substring(0, 12);
                out.println(switch (round.warmth()) {
                    case ALREADY -> "the cache holds HEAD's tree " + tree + " already: nothing to do";
                    case WARMED -> String.format(Locale.ROOT, "warmed the cache for HEAD's tree %s in %.1f s: "
                        + "the next pre-commit hook run starts from it", tree, round.millis() / 1000.0);
                    case CARRIED -> String.format(Locale.ROOT, "carried the cache forward to HEAD's tree %s from an "
                        + "ancestor's, commit by commit, in %.1f s: the next pre-commit hook run starts from it", tree,
                        round.millis() / 1000.0);
                });
            }
            for (FactCache.OtherVersion gone : outcome.removed()) {
                out.println(String.format(Locale.ROOT, "removed %s (%d MiB): the cache of another tpsync version, "
                    + "unused for more than %d days", gone.dir(), gone.bytes() / (1024 * 1024),
                    CacheWarmUp.UNUSED.toDays()));
            }
            out.flush();
            return ExitCodes.OK;
        }
    }
}
