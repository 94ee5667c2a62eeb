package dev.tpsync.cli;

import dev.tpsync.patch.GitRepo;

/** Process entry point: runs the command tree and exits with its code. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // review is what a pre-commit hook runs: JGit's set-up goes beside picocli's.
        if (args.length > 0 && args[0].equals("review")) {
            GitRepo.warmUpInBackground();
        }
        System.exit(Cli.newCommandLine(args).execute(args));
    }
}
