package dev.aiguard.waf.portable;

import dev.aiguard.api.Guard;
import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.Headers;
import dev.aiguard.api.PolicyLoader;
import dev.aiguard.waf.crstest.CrsTestReport;
import dev.aiguard.waf.crstest.CrsTestSetup;
import dev.aiguard.waf.crstest.FtwLoader;
import dev.aiguard.waf.crstest.FtwRunner;
import dev.aiguard.waf.crstest.FtwTest;
import dev.aiguard.waf.crstest.Outcome;
import dev.aiguard.waf.internal.regex.HyperscanAvailability;
import dev.aiguard.waf.internal.regex.RegexEngine;
import dev.aiguard.waf.internal.regex.RegexEngines;
import dev.aiguard.waf.internal.regex.CrsTestData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The portable path, as on aarch64 or musl: run by the {@code without-hyperscan-native} Surefire execution, whose class
 * path lacks Hyperscan's native library jars. {@code auto} must fall back to RE2/J and the WAF must work the same.
 * Skipped in the default execution (where the native library is present).
 */
class WithoutHyperscanNativeTest {

    @BeforeEach
    void onlyWithoutTheNativeLibrary() {
        Assumptions.assumeTrue(Boolean.getBoolean("aiguard.expect.hyperscan.missing"),
                "runs in the without-hyperscan-native execution only");
    }

    @Test
    void autoFallsBackToRe2jNamingTheReason() {
        assertThat(HyperscanAvailability.current().available()).isFalse();
        assertThat(HyperscanAvailability.current().reason()).isNotBlank();
        try (RegexEngine engine = RegexEngines.select("auto")) {
            assertThat(engine.name()).isEqualTo("re2j");
        }
        assertThatThrownBy(() -> RegexEngines.select("hyperscan")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Hyperscan is not available");
    }

    @Test
    void crsStageWithTheAutoEngineBlocksAndAllowsAsUsual() throws Exception {
        String policy = """
                apiVersion: aiguard.dev/v1
                stages:
                  - type: crs
                    budget: 30s
                    directory: %s
                    engine: auto
                """.formatted(CrsTestData.crsDir().toAbsolutePath());
        try (Guard guard = Guard.create(PolicyLoader.create().load("portable.yaml", policy).toGuardConfig())) {
            Headers headers = Headers.of("Host", "api.example.com", "User-Agent", "aiguard-test/1.0", "Accept", "*/*");
            assertThat(guard.inspect(GuardRequest.builder().uri("/v1/search?q=1%27%20OR%20%271%27%3D%271").headers(headers).build())
                    .blocked()).isTrue();
            assertThat(guard.inspect(GuardRequest.builder().uri("/v1/models").headers(headers).build()).allowed()).isTrue();
        }
    }

    @Test
    void sqlInjectionRegressionTestsPassOnThePortableEngine() {
        Path crs = CrsTestData.crsDir();
        List<FtwTest> tests = new FtwLoader().loadAll(CrsTestSetup.testsDir(crs)).stream()
                .filter(t -> t.ruleFile().contains("REQUEST-942"))
                .toList();
        CrsTestReport report = new CrsTestReport(new FtwRunner(CrsTestSetup.engine(crs, "auto")).runAll(tests, 2));
        assertThat(report.count(Outcome.PASSED)).isGreaterThan(900);
        assertThat(report.count(Outcome.FAILED)).as(report.failures()).isZero();
    }
}
