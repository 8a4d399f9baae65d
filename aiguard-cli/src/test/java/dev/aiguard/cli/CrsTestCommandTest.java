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
    void aDirectoryWithoutRulesIsAUsageError(@TempDir Path tmp) {
        CliRun run = CliRun.of("crs-test", "--crs", tmp.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("needs rules/ and tests/regression/tests/");
    }
}
