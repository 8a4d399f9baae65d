package dev.aiguard.cli;

import picocli.CommandLine;

/** Entry point of the {@code aiguard} command. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(AiguardCommand.commandLine().execute(args));
    }
}
