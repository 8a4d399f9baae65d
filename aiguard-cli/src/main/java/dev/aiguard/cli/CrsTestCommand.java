package dev.aiguard.cli;

import dev.aiguard.waf.SecLangEngine;
import dev.aiguard.waf.crstest.CrsTestReport;
import dev.aiguard.waf.crstest.CrsTestSetup;
import dev.aiguard.waf.crstest.FtwLoader;
import dev.aiguard.waf.crstest.FtwRunner;
import dev.aiguard.waf.crstest.FtwTest;
import dev.aiguard.waf.crstest.Outcome;
import dev.aiguard.waf.crstest.ParanoiaScope;
import dev.aiguard.waf.crstest.TestResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code aiguard crs-test}: runs the CRS go-ftw regression suite in-process. */
@Command(name = "crs-test", mixinStandardHelpOptions = true,
        description = "Run the OWASP CRS go-ftw regression tests (tests/regression/tests/**.yaml) in-process with the "
                + "CRS project's CI settings (paranoia level 4, DetectionOnly) and print a per-rule-file pass table.")
final class CrsTestCommand implements Callable<Integer> {

    @Option(names = "--crs", required = true, paramLabel = "DIR",
            description = "CRS directory with rules/, crs-setup.conf.example and tests/regression/tests/.")
    Path crs;

    @Option(names = "--engine", defaultValue = "auto", paramLabel = "E",
            description = "Regex engine: auto, hyperscan or re2j (default auto).")
    String engine;

    @Option(names = "--pl", defaultValue = "4", paramLabel = "N",
            description = "Blocking paranoia level 1-4 (default 4, the CRS CI's). Tests of rules above N count as n/a.")
    int paranoiaLevel;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--only", paramLabel = "TEXT",
            description = "Run only tests whose name or rule file contains TEXT (e.g. 942100 or REQUEST-942).")
    String only;

    @Option(names = "--failures", paramLabel = "FILE", description = "Write failed tests, one per line, to FILE.")
    Path failures;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path testsDir = CrsTestSetup.testsDir(crs);
        if (!Files.isDirectory(crs.resolve("rules")) || !Files.isDirectory(testsDir)) {
            err.println("crs-test: " + crs + " needs rules/ and tests/regression/tests/ (a CRS v4 checkout)");
            return 2;
        }
        if (paranoiaLevel < 1 || paranoiaLevel > CrsTestSetup.CI_PARANOIA_LEVEL) {
            err.println("crs-test: --pl must be 1 to 4, got " + paranoiaLevel);
            return 2;
        }
        SecLangEngine waf = CrsTestSetup.engine(crs, engine, paranoiaLevel);
        ParanoiaScope scope = new ParanoiaScope(paranoiaLevel, waf);
        List<FtwTest> tests = new FtwLoader().loadAll(testsDir).stream()
                .filter(t -> only == null || t.name().contains(only) || t.ruleFile().contains(only))
                .toList();
        int workers = threads != null && threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        List<TestResult> results = new ArrayList<>(new FtwRunner(waf).runAll(
                tests.stream().filter(scope::covers).toList(), workers));
        tests.stream().filter(t -> !scope.covers(t)).map(scope::notApplicable).forEach(results::add);
        CrsTestReport report = new CrsTestReport(results);
        out.print(report.table());
        if (failures != null) {
            Files.writeString(failures, report.failures());
        } else if (report.count(Outcome.FAILED) > 0) {
            out.print(report.failures());
        }
        out.println("regex engine: " + waf.regexEngine() + ", paranoia level: " + paranoiaLevel
                + ", tests: " + tests.size());
        out.println(String.format(Locale.ROOT, "crs-test: passed=%d failed=%d skipped=%d rate=%.2f%%",
                report.count(Outcome.PASSED), report.count(Outcome.FAILED),
                report.count(Outcome.NOT_APPLICABLE), 100.0 * report.passRate()));
        out.flush();
        return report.count(Outcome.FAILED) == 0 ? 0 : 1;
    }
}
