package dev.tpsync.cli.hook;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The hooks that warm tpsync's cache after git moves HEAD: {@code post-merge} (a pull),
 * {@code post-checkout} (a branch switched), {@code post-rewrite} (a rebase, an amend) and
 * {@code post-commit} (a commit made with {@code --no-verify}: one the pre-commit hook reviewed
 * kept what the next needs already, and the warm-up finds it so in ~0.3 s). Each
 * starts {@code tpsync hook warm} in the background and returns at once. The first pre-commit
 * hook run on a HEAD no run has seen loads the whole tree (4-11 s on a kernel, most after a
 * pull of many files); warmed, it finds the context summary and slice it starts from and takes
 * ~0.5 s. A developer edits for minutes between a pull and a commit: the load is done by then.
 *
 * <p>They are a help, not a gate: an existing hook of the same name that tpsync did not write is
 * left alone unless {@code --chain} or {@code --force} says otherwise, and install says so.
 */
public final class WarmUpHooks {

    /** The hooks written, in the order install reports them. */
    public static final List<String> HOOKS = List.of("post-merge", "post-checkout", "post-rewrite", "post-commit");

    /** The arguments each hook passes to tpsync. */
    public static final List<String> ARGUMENTS = List.of("hook", "warm", "-q");

    private final Path hooksDir;

    public WarmUpHooks(Path hooksDir) {
        this.hooksDir = hooksDir;
    }

    /** Writes the hooks of {@link #HOOKS}; returns a one-line account of each. */
    public List<String> install(List<String> command, PreCommitHook.Mode mode) {
        List<String> done = new ArrayList<>();
        for (String name : HOOKS) {
            HookFile hook = new HookFile(hooksDir, name);
            if (mode == PreCommitHook.Mode.REFUSE && hook.foreign()) {
                done.add("left the existing " + name + " hook alone (not tpsync's): the cache is not warmed after a "
                    + what(name) + "; --chain runs it first, then warms");
                continue;
            }
            done.add(hook.install(chaining -> script(name, command, chaining), mode));
        }
        return done;
    }

    /** Removes those of {@link #HOOKS} that tpsync wrote, restoring what each replaced; one line each. */
    public List<String> uninstall() {
        List<String> done = new ArrayList<>();
        for (String name : HOOKS) {
            HookFile hook = new HookFile(hooksDir, name);
            if (HookFile.isTpsyncHook(hook.file())) {
                done.add(hook.uninstall());
            }
        }
        return done;
    }

    /**
     * The script of hook {@code name}: the chained hook first (its status is the hook's), then
     * tpsync in the background, detached from the terminal and from git's output, at a lower
     * priority than the user's own work.
     */
    public static String script(String name, List<String> command, boolean chaining) {
        StringBuilder s = new StringBuilder();
        s.append("#!/bin/sh\n");
        s.append(HookFile.MARKER).append('\n');
        s.append("# After a ").append(what(name)).append(", loads the new HEAD's tree into tpsync's cache in the\n");
        s.append("# background, so that the first pre-commit hook run on it does not have to.\n");
        if (chaining) {
            s.append("# The hook that was here before runs first; its status is this hook's.\n");
            s.append(HookFile.chainedCall(name));
        } else {
            s.append("chained_status=0\n");
        }
        if (name.equals("post-checkout")) {
            s.append("# A checkout of files ($3 = 0) leaves HEAD where it was.\n");
            s.append("[ \"$3\" = 1 ] || exit $chained_status\n");
        }
        if (!name.equals("post-rewrite")) {
            // git runs post-commit after every commit of a rebase or a cherry-pick sequence (and
            // post-checkout as a rebase starts): one JVM per commit, all but one finding the lock
            // taken, would slow the rebase itself. post-rewrite, which git runs as a rebase ends
            // (its state directory still there), warms the HEAD it leaves.
            s.append("# In the middle of a rebase, an am or a cherry-pick sequence HEAD moves on at once.\n");
            s.append("git_dir=$(git rev-parse --git-dir 2>/dev/null) || exit $chained_status\n");
            s.append("for state in rebase-merge rebase-apply sequencer; do\n");
            s.append("\t[ -d \"$git_dir/$state\" ] && exit $chained_status\n");
            s.append("done\n");
        }
        s.append("nohup nice -n 10 ")
            .append(command.stream().map(PreCommitHook::shellQuote).collect(Collectors.joining(" ")))
            .append(' ').append(String.join(" ", ARGUMENTS))
            .append(" </dev/null >/dev/null 2>&1 &\n");
        s.append("exit $chained_status\n");
        return s.toString();
    }

    private static String what(String name) {
        return switch (name) {
            case "post-merge" -> "pull or merge";
            case "post-checkout" -> "checkout of a branch";
            case "post-rewrite" -> "rebase or amend";
            case "post-commit" -> "commit the pre-commit hook did not review (--no-verify)";
            default -> throw new IllegalArgumentException("not a warm-up hook: " + name);
        };
    }
}
