package dev.aiguard.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CrsTestCommandTest {

    private static Path crsDir() {
        String dir = System.getProperty("aiguard.crs.dir", System.getenv("AIGUARD_CRS_DIR"));
        Assumptions.assumeTrue(dir != null && Files.isDirectory(Path.of(dir, "tests")),
                "OWASP CRS with its tests not found: put it in ../shared/crs or set -Daiguard.crs.dir");
        return Path.of(dir);
    }

    @Test
    void runsTheSelectedRegressionTestsAndEndsWithTheSummaryLine(@TempDir Path tmp) throws IOException {
        Path failures = tmp.resolve("failures.txt");
        CliRun run = CliRun.of("crs-test", "--crs", crsDir().toString(), "--engine", "re2j", "--only", "REQUEST-942",
                "--failures", failures.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("REQUEST-942-APPLICATION-ATTACK-SQLI").contains("TOTAL");
        String last = run.out().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(last).matches("crs-test: passed=(\\d+) failed=0 skipped=\\d+ rate=100\\.00%");
        assertThat(Integer.parseInt(last.replaceAll(".*passed=(\\d+).*", "$1"))).isGreaterThan(900);
        assertThat(failures).isEmptyFile();
    }

    @Test
    void paranoiaLevelOneCountsTestsOfHigherLevelRulesAsNotApplicable() {
        String crs = crsDir().toString();
        CliRun pl4 = CliRun.of("crs-test", "--crs", crs, "--engine", "re2j", "--only", "REQUEST-942");
        CliRun pl1 = CliRun.of("crs-test", "--crs", crs, "--engine", "re2j", "--only", "REQUEST-942", "--pl", "1");

        assertThat(pl1.exitCode()).as(pl1.out() + pl1.err()).isZero();
        assertThat(pl1.out()).contains("paranoia level: 1");
        assertThat(pl1.out()).contains("rate=100.00%");
        assertThat(skipped(pl1)).isGreaterThan(skipped(pl4));
        assertThat(passed(pl1)).isLessThan(passed(pl4)).isGreaterThan(100);
    }

    @Test
    void paranoiaLevelOutsideOneToFourIsAUsageError() {
        CliRun run = CliRun.of("crs-test", "--crs", crsDir().toString(), "--pl", "5");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--pl must be 1 to 4, got 5");
    }

    private static int passed(CliRun run) {
        return summaryField(run, "passed");
    }

    private static int skipped(CliRun run) {
        return summaryField(run, "skipped");
    }

    private static int summaryField(CliRun run, String field) {
        String last = run.out().strip().lines().reduce((a, b) -> b).orElseThrow();
        return Integer.parseInt(last.replaceAll(".*" + field + "=(\\d+).*", "$1"));
    }

    @Test
    void aDirectoryWithoutRulesIsAUsageError(@TempDir Path tmp) {
        CliRun run = CliRun.of("crs-test", "--crs", tmp.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("needs rules/ and tests/regression/tests/");
    }
}
