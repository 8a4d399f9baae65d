package dev.aiguard.cli;

import dev.aiguard.egress.EgressCheckMain;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code aiguard egress}: egress policy tools. */
@Command(name = "egress", mixinStandardHelpOptions = true,
        description = "Egress policy tools (see docs/egress.md).",
        subcommands = {EgressCommand.Check.class})
final class EgressCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * {@code aiguard egress check --policy P --urls FILE [--resolve host=ip,...]}: one JSON line per URL
     * ({@code {"url","allowed","reason"}}), then {@code egress: urls=N denied=N}.
     */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Check every URL of FILE (one per line) against an egress policy. Prints one JSON line per "
                    + "URL, {\"url\",\"allowed\",\"reason\"}, then 'egress: urls=N denied=N'.",
                    "Exit codes: 0 checked (whatever was denied), 2 bad arguments or invalid policy."})
    static final class Check implements Callable<Integer> {

        @Option(names = "--policy", required = true, paramLabel = "P",
                description = "Egress policy YAML (the keys at top level or under egress:, e.g. a guard policy).")
        Path policy;

        @Option(names = "--urls", required = true, paramLabel = "FILE", description = "One URL per line.")
        Path urls;

        @Option(names = "--resolve", paramLabel = "host=ip,...",
                description = "Answer these names with these addresses instead of the system resolver (repeatable).")
        List<String> resolve = new ArrayList<>();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            List<String> args = new ArrayList<>(List.of("--policy", policy.toString(), "--urls", urls.toString()));
            for (String r : resolve) {
                args.add("--resolve");
                args.add(r);
            }
            ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
            ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
            int status;
            try (PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
                 PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8)) {
                status = EgressCheckMain.run(args.toArray(String[]::new), out, err);
            }
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            out.print(outBytes.toString(StandardCharsets.UTF_8));
            err.print(errBytes.toString(StandardCharsets.UTF_8));
            out.flush();
            err.flush();
            return status;
        }
    }
}
