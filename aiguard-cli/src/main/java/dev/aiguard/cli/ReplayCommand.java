package dev.aiguard.cli;

import dev.aiguard.api.Guard;
import dev.aiguard.api.PolicyException;
import dev.aiguard.api.PolicyLoader;
import dev.aiguard.cli.internal.AgreementReport;
import dev.aiguard.cli.internal.ReferenceAnswers;
import dev.aiguard.cli.internal.ReferenceComparison;
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
                + "the guard offline. Writes one JSON line per request in input order, then a summary. With --compare, "
                + "also compares the fired rule ids with a reference engine's answers and prints the agreement and a "
                + "per-rule table of extra and missing firings.")
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

    @Option(names = "--compare", paramLabel = "REF.jsonl",
            description = "Reference answers, one JSON line per request: {\"id\", \"matched\": [rule ids], \"status\"} "
                    + "(e.g. ../shared/bench/*.modsec-pl1.jsonl from libmodsecurity). A request agrees when both "
                    + "fired the same set of rule ids.")
    Path compare;

    @Option(names = "--compare-stage", paramLabel = "NAME",
            description = "With --compare: compare only the findings of this stage (default: every finding).")
    String compareStage;

    @Option(names = "--compare-details", paramLabel = "FILE",
            description = "With --compare: write one line per disagreeing request (id, only ours, only reference).")
    Path compareDetails;

    @Option(names = "--justified", split = ",", paramLabel = "RULE",
            description = "With --compare: rule ids whose differences are known and documented (docs/crs-failures.md). "
                    + "A request whose only differences are these rules, plus an anomaly-evaluation rule (949xxx, "
                    + "959xxx, 980xxx) on the side that fired one of them, counts as justified, reported apart.")
    java.util.Set<String> justified = new java.util.TreeSet<>();

    @Option(names = "--min-agreement", paramLabel = "RATIO",
            description = "With --compare: exit 1 when the share of agreeing requests is below RATIO (0-1); "
                    + "justified differences count as agreeing when --justified is given.")
    Double minAgreement;

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
        if (compare == null && (compareStage != null || compareDetails != null || minAgreement != null
                || !justified.isEmpty())) {
            err.println("replay: --compare-stage, --compare-details, --justified and --min-agreement need --compare");
            return 2;
        }
        if (minAgreement != null && (minAgreement < 0 || minAgreement > 1)) {
            err.println("replay: --min-agreement must be between 0 and 1, got " + minAgreement);
            return 2;
        }
        if (compare != null && !Files.isReadable(compare)) {
            err.println("replay: cannot read " + compare);
            return 2;
        }
        ReferenceAnswers reference = null;
        if (compare != null) {
            try (BufferedReader answers = Files.newBufferedReader(compare, StandardCharsets.UTF_8)) {
                reference = ReferenceAnswers.read(answers);
            } catch (IllegalArgumentException e) {
                err.println("replay: " + compare + ": " + e.getMessage());
                return 2;
            }
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
             Writer results = out == null ? nonClosing(console) : Files.newBufferedWriter(out, StandardCharsets.UTF_8);
             Writer details = compareDetails == null ? null
                     : Files.newBufferedWriter(compareDetails, StandardCharsets.UTF_8)) {
            ReferenceComparison comparison = reference == null ? null
                    : new ReferenceComparison(reference, compareStage, details, justified);
            Progress progress = Progress.forConsole(System.console() != null && out != null, err);
            ReplayResult result = new Replayer(guard, threads, !noTiming).replay(in, results, progress::update,
                    comparison == null ? r -> { } : comparison::accept);
            progress.finish();
            if (result.errors() > 0) {
                console.println("replay: " + result.errors() + " malformed lines (reported in the output)");
            }
            console.println(result.summaryLine());
            if (comparison == null) {
                console.flush();
                return 0;
            }
            AgreementReport report = comparison.report();
            console.print(report.text());
            console.flush();
            return minAgreement != null && report.agreementWithJustified() < minAgreement ? 1 : 0;
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
