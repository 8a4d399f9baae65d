package dev.aiguard.waf.crstest;

import dev.aiguard.waf.SecLangEngine;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the OWASP CRS go-ftw regression suite in-process, once per available regex engine, prints a per-rule-file
 * pass table, writes failures to {@code target/crs-failures-<engine>.txt} and fails when the pass rate over
 * applicable tests drops below {@link #MIN_PASS_RATE} (a ratchet: raise it as the engine improves).
 * {@code -Daiguard.crs.sample=N} runs every N-th test only, for quick local runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrsRegressionTest {

    /** Ratchet: the lowest acceptable pass rate over applicable tests. */
    static final double MIN_PASS_RATE = 0.999;

    private final Map<String, List<TestResult>> resultsByEngine = new HashMap<>();

    private static Path crsDir() {
        String dir = System.getProperty("aiguard.crs.dir", System.getenv("AIGUARD_CRS_DIR"));
        Assumptions.assumeTrue(dir != null && Files.isDirectory(Path.of(dir, "rules"))
                        && Files.isDirectory(CrsTestSetup.testsDir(Path.of(dir))),
                "OWASP CRS not found: put CRS v4 (rules/, crs-setup.conf.example, tests/regression/tests/) in "
                        + "../shared/crs or point -Daiguard.crs.dir / AIGUARD_CRS_DIR at it");
        return Path.of(dir);
    }

    private List<TestResult> results(String engineKind) throws IOException {
        List<TestResult> cached = resultsByEngine.get(engineKind);
        if (cached != null) {
            return cached;
        }
        Path crs = crsDir();
        long t0 = System.nanoTime();
        SecLangEngine engine = CrsTestSetup.engine(crs, engineKind);
        long t1 = System.nanoTime();
        List<FtwTest> all = new FtwLoader().loadAll(CrsTestSetup.testsDir(crs));
        int every = Integer.getInteger("aiguard.crs.sample", 1);
        List<FtwTest> tests = every <= 1 ? all
                : java.util.stream.IntStream.range(0, all.size()).filter(i -> i % every == 0).mapToObj(all::get)
                        .toList();
        List<TestResult> results = new FtwRunner(engine).runAll(tests, Runtime.getRuntime().availableProcessors());
        long t2 = System.nanoTime();
        CrsTestReport report = new CrsTestReport(results);
        System.out.printf("CRS regression with %s: %d tests, compile %.1f s, run %.1f s%n%s", engine.regexEngine(),
                tests.size(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, report.table());
        Path target = Path.of("target");
        Files.createDirectories(target);
        Files.writeString(target.resolve("crs-failures-" + engineKind + ".txt"), report.failures());
        Files.writeString(target.resolve("crs-not-applicable-" + engineKind + ".txt"), report.notApplicable());
        resultsByEngine.put(engineKind, results);
        return results;
    }

    @Test
    void re2jPassesTheRegressionSuite() throws IOException {
        CrsTestReport report = new CrsTestReport(results("re2j"));
        assertThat(report.passRate()).as("pass rate with re2j; failures in target/crs-failures-re2j.txt")
                .isGreaterThanOrEqualTo(MIN_PASS_RATE);
    }

    @Test
    void hyperscanPassesTheRegressionSuite() throws IOException {
        assumeHyperscan();
        CrsTestReport report = new CrsTestReport(results("hyperscan"));
        assertThat(report.passRate()).as("pass rate with hyperscan; failures in target/crs-failures-hyperscan.txt")
                .isGreaterThanOrEqualTo(MIN_PASS_RATE);
    }

    @Test
    void bothEnginesGiveTheSameOutcomes() throws IOException {
        assumeHyperscan();
        Map<String, Outcome> re2j = outcomes(results("re2j"));
        Map<String, Outcome> hyperscan = outcomes(results("hyperscan"));
        assertThat(hyperscan).isEqualTo(re2j);
    }

    private static Map<String, Outcome> outcomes(List<TestResult> results) {
        Map<String, Outcome> map = new HashMap<>();
        results.forEach(r -> map.put(r.name(), r.outcome()));
        return map;
    }

    private static void assumeHyperscan() {
        crsDir();
        boolean available;
        try {
            available = dev.aiguard.waf.internal.regex.RegexEngines.select("auto").name().equals("hyperscan");
        } catch (RuntimeException | LinkageError e) {
            available = false;
        }
        Assumptions.assumeTrue(available, "Hyperscan is not available on this platform");
    }
}
