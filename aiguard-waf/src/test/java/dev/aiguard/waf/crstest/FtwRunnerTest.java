package dev.aiguard.waf.crstest;

import dev.aiguard.waf.SecLangEngine;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

class FtwRunnerTest {

    private static final String RULES = String.join("\n",
            "SecRuleEngine DetectionOnly",
            "SecResponseBodyAccess On",
            "SecResponseBodyMimeType text/plain",
            "SecDefaultAction \"phase:2,log,auditlog,pass\"",
            "SecDefaultAction \"phase:4,log,auditlog,pass\"",
            "SecRule ARGS \"@rx attack\" \"id:100,phase:2,block,capture,msg:'Attack',"
                    + "logdata:'Matched Data: %{TX.0} found within %{MATCHED_VAR_NAME}: %{MATCHED_VAR}'\"",
            "SecRule RESPONSE_BODY \"@rx leaked\" \"id:101,phase:4,block,msg:'Leak'\"",
            "");

    private static Path testsDir() throws URISyntaxException {
        return Path.of(Objects.requireNonNull(FtwRunnerTest.class.getResource("/crstest/tests")).toURI());
    }

    @Test
    void judgesIdsRegexesStatusAndResponsePhases() throws URISyntaxException {
        SecLangEngine engine = SecLangEngine.builder().regexEngine("re2j").ruleText(RULES, "test.conf").build();
        List<FtwTest> tests = new FtwLoader().loadAll(testsDir());
        assertThat(tests).extracting(FtwTest::name).containsExactly("100-1", "100-2", "100-3", "100-4", "100-5");
        List<TestResult> results = new FtwRunner(engine).runAll(tests);
        assertThat(results).extracting(TestResult::outcome).containsExactly(Outcome.PASSED, Outcome.PASSED,
                Outcome.NOT_APPLICABLE, Outcome.FAILED, Outcome.PASSED);
        assertThat(results.get(2).detail()).contains("status 400");
        assertThat(results.get(3).detail()).contains("ids [100] fired but must not");

        CrsTestReport report = new CrsTestReport(results);
        assertThat(report.passRate()).isEqualTo(0.75);
        assertThat(report.table()).contains("REQUEST-000-SAMPLE").contains("75.00%");
        assertThat(report.failures()).startsWith("100-4\t");
    }
}
