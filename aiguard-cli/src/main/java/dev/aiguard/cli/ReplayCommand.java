package dev.aiguard.cli;

import dev.aiguard.api.Guard;
import dev.aiguard.api.PolicyException;
import dev.aiguard.api.PolicyLoader;
import dev.aiguard.cli.internal.ReplayResult;
import dev.aiguard.cli.internal.Replayer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code aiguard replay}: runs recorded requests through a guard offline. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Run recorded requests (JSON Lines: id, method, uri, version, headers, body or body_b64) through "
                + "the guard offline. Writes one JSON line per request in input order, then a summary.")
final class ReplayCommand implements Callable<Integer> {

    @Option(names = "--policy", required = true, paramLabel = "P", description = "Policy file or directory.")
    Path policy;

    @Option(names = "--requests", required = true, paramLabel = "FILE.jsonl", description = "Recorded requests.")
    Path requests;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N", description = "Worker threads (default 1).")
    int threads;

    @Option(names = "--out", paramLabel = "FILE", description = "Write per-request results here instead of stdout.")
    Path out;

    @Option(names = "--no-timing", description = "Leave out per-request usec, for byte-identical output across runs.")
    boolean noTiming;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter console = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (threads < 1) {
            err.println("replay: --threads must be >= 1");
            return 2;
        }
        if (!Files.isReadable(requests)) {
            err.println("replay: cannot read " + requests);
            return 2;
        }
        Guard guard;
        try {
            guard = Guard.create(PolicyLoader.create().load(policy).toGuardConfig());
        } catch (PolicyException e) {
            e.errors().forEach(err::println);
            err.flush();
            return 2;
        }
        try (guard; BufferedReader in = Files.newBufferedReader(requests, StandardCharsets.UTF_8);
             Writer results = out == null ? nonClosing(console) : Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            Progress progress = Progress.forConsole(System.console() != null && out != null, err);
            ReplayResult result = new Replayer(guard, threads, !noTiming).replay(in, results, progress::update);
            progress.finish();
            if (result.errors() > 0) {
                console.println("replay: " + result.errors() + " malformed lines (reported in the output)");
            }
            console.println(result.summaryLine());
            console.flush();
            return 0;
        }
    }

    /** Results go to the console, which this command must not close. */
    private static Writer nonClosing(PrintWriter console) {
        return new FilterWriter(console) {
            @Override
            public void close() {
                console.flush();
            }
        };
    }
}
