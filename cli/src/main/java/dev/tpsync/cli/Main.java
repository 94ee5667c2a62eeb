package dev.tpsync.cli;

import dev.tpsync.patch.GitRepo;

/** Process entry point: runs the command tree and exits with its code. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // A review of commits opens JGit's repository: its set-up goes beside picocli's. A staged
        // review (the pre-commit hook) reads a plain repository without it (GitRepo).
        if (args.length > 0 && args[0].equals("review") && !java.util.Arrays.asList(args).contains("--staged")) {
            GitRepo.warmUpInBackground();
        }
        System.exit(Cli.newCommandLine(args).execute(args));
    }
}
