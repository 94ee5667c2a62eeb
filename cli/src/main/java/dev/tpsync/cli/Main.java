package dev.tpsync.cli;

import dev.tpsync.patch.GitRepo;

/** Process entry point: runs the command tree and exits with its code. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // review is what a pre-commit hook runs: JGit's set-up goes beside picocli's (a staged
        // review of a plain repository needs less of it: GitRepo).
        if (args.length > 0 && args[0].equals("review")) {
            if (java.util.Arrays.asList(args).contains("--staged")) {
                GitRepo.warmUpStagedInBackground();
            } else {
                GitRepo.warmUpInBackground();
            }
        }
        System.exit(Cli.newCommandLine(args).execute(args));
    }
}
