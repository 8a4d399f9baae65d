package dev.aiguard.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code aiguard} command and its subcommands. */
@Command(name = "aiguard", mixinStandardHelpOptions = true, version = "aiguard 0.1.0-SNAPSHOT",
        description = "AIGuard: in-process security for AI inference services.",
        subcommands = {CheckCommand.class, ReplayCommand.class, CrsTestCommand.class, ServeCommand.class,
                EgressCommand.class, CommandLine.HelpCommand.class})
public final class AiguardCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** A configured command line (used by {@link Main} and by tests). */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new AiguardCommand());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
