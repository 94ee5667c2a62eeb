package dev.tpsync.cli;

import dev.tpsync.cli.hook.HookCommandLine;
import dev.tpsync.patch.GitRepo;

/** Process entry point: runs the command tree and exits with its code. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        ClassDataArchive.dropIfUnmapped();
        // review is what a pre-commit hook runs: JGit's set-up goes beside the command's (a staged
        // review of a plain repository needs less of it: GitRepo).
        if (args.length > 0 && args[0].equals("review")) {
            if (java.util.Arrays.asList(args).contains("--staged")) {
                GitRepo.warmUpStagedInBackground();
            } else {
                GitRepo.warmUpInBackground();
            }
        }
        // The pre-commit hook's own command line is run without picocli's model of the command
        // line, ~50 ms of the hook's run (HookCommandLine).
        int exit;
        try {
            exit = HookCommandLine.matches(args) ? HookCommandLine.run() : Cli.newCommandLine(args).execute(args);
        } catch (OutOfMemoryError e) {
            // Not a finding (the JVM's own exit would be 1, which a hook or CI reads as one).
            System.err.println(outOfMemory(Runtime.getRuntime().maxMemory()));
            exit = ExitCodes.INTERNAL_ERROR;
        }
        System.exit(exit);
    }

    /** The one line a run that ran out of heap ends with. */
    static String outOfMemory(long maxHeapBytes) {
        return "tpsync: out of memory (a heap of " + maxHeapBytes / (1024 * 1024) + " MiB): the input is larger than"
            + " this run is sized for; review fewer commits at a time, use 'tpsync scan' for a whole tree, or set"
            + " TPSYNC_HEAP (e.g. TPSYNC_HEAP=8g) for the launcher";
    }
}
