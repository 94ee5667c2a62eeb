package dev.tpsync.cli;

import picocli.CommandLine;

/** Process entry point: runs the command tree and exits with its code. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Cli.newCommandLine(args).execute(args));
    }
}
