package dev.aiguard.waf.stage;

import dev.aiguard.api.Guard;
import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.Headers;
import dev.aiguard.api.PolicyError;
import dev.aiguard.api.PolicyException;
import dev.aiguard.api.PolicyLoader;
import dev.aiguard.api.Verdict;
import dev.aiguard.api.Finding;
import dev.aiguard.waf.internal.regex.CrsTestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code type: crs} stage, loaded from a policy through the real loader, on real CRS rules (RE2/J engine). */
class CrsStageTest {

    private static Path crs;
    private static Guard enforcing;

    @BeforeAll
    static void loadCrs() throws PolicyException {
        crs = CrsTestData.crsDir().toAbsolutePath();
        enforcing = guard("");
    }

    @AfterAll
    static void close() {
        if (enforcing != null) {
            enforcing.close();
        }
    }

    private static Guard guard(String extra) throws PolicyException {
        String yaml = """
                apiVersion: aiguard.dev/v1
                stages:
                  - type: crs
                    name: waf
                    budget: 30s
                    directory: %s
                    engine: re2j
                %s""".formatted(crs, extra.indent(4));
        return Guard.create(PolicyLoader.create().load("crs-test.yaml", yaml).toGuardConfig());
    }

    private static GuardRequest get(String uri) {
        return GuardRequest.builder().method("GET").uri(uri)
                .headers(Headers.of("Host", "api.example.com", "User-Agent", "aiguard-test/1.0", "Accept", "*/*"))
                .build();
    }

    @Test
    void sqlInjectionInAQueryArgumentIsBlockedWithTheRulesThatFired() {
        Verdict verdict = enforcing.inspect(get("/v1/search?q=1%27%20UNION%20SELECT%20password%20FROM%20users--"));

        assertThat(verdict.blocked()).isTrue();
        assertThat(verdict.httpStatus()).isEqualTo(403);
        assertThat(verdict.grpcStatus()).isEqualTo(7);
        assertThat(verdict.reason()).isEqualTo("waf.crs");
        assertThat(verdict.blockingStage()).isEqualTo("waf");
        assertThat(verdict.ruleIds()).isNotEmpty().allMatch(id -> id.startsWith("942"));
        assertThat(verdict.findings()).extracting(Finding::ruleId).contains("949110");
        assertThat(verdict.findings()).filteredOn(f -> f.ruleId().startsWith("942"))
                .allSatisfy(f -> assertThat(f.target()).startsWith("ARGS"));
    }

    @Test
    void benignChatCompletionIsAllowedWithoutFindings() {
        String body = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Summarise the water cycle in two sentences.\"}]}";
        GuardRequest request = GuardRequest.builder().method("POST").uri("/v1/chat/completions")
                .headers(Headers.of("Host", "api.example.com", "User-Agent", "openai-python/1.40.0",
                        "Accept", "application/json", "Content-Type", "application/json",
                        "Content-Length", Integer.toString(body.length())))
                .body(body)
                .build();

        Verdict verdict = enforcing.inspect(request);

        assertThat(verdict.allowed()).isTrue();
        assertThat(verdict.findings()).isEmpty();
    }

    @Test
    void malformedJsonBodyIsABadRequest() {
        String body = "{\"model\": \"gpt-4o\", \"messages\": [";
        GuardRequest request = GuardRequest.builder().method("POST").uri("/v1/chat/completions")
                .headers(Headers.of("Host", "api.example.com", "User-Agent", "openai-python/1.40.0",
                        "Accept", "application/json", "Content-Type", "application/json",
                        "Content-Length", Integer.toString(body.length())))
                .body(body)
                .build();

        Verdict verdict = enforcing.inspect(request);

        assertThat(verdict.httpStatus()).isEqualTo(400);
        assertThat(verdict.grpcStatus()).isEqualTo(3);
        assertThat(verdict.ruleIds()).containsExactly("200002");
    }

    @Test
    void rulesInMonitorModeTurnTheBlockIntoWouldBlock() throws PolicyException {
        Verdict enforced = enforcing.inspect(get("/v1/search?q=1%27%20UNION%20SELECT%20password%20FROM%20users--"));
        StringBuilder rules = new StringBuilder("rules:\n");
        enforced.ruleIds().forEach(id -> rules.append("  \"").append(id).append("\": monitor\n"));

        try (Guard monitored = guard(rules.toString())) {
            Verdict verdict = monitored.inspect(get("/v1/search?q=1%27%20UNION%20SELECT%20password%20FROM%20users--"));

            assertThat(verdict.allowed()).isTrue();
            assertThat(verdict.wouldBlock()).isTrue();
            assertThat(verdict.findings()).extracting(Finding::ruleId).containsAll(enforced.ruleIds());
        }
    }

    @Test
    void rulesSwitchedOffOrRemovedDoNotFire() throws PolicyException {
        Verdict enforced = enforcing.inspect(get("/v1/search?q=1%27%20UNION%20SELECT%20password%20FROM%20users--"));
        List<String> fired = enforced.ruleIds();
        String off = fired.get(0);
        String removed = String.join("\n", fired.subList(1, fired.size()).stream().map(id -> "  - \"" + id + "\"").toList());
        try (Guard tuned = guard("rules:\n  \"" + off + "\": off\nremoveRules:\n" + removed + "\n")) {
            Verdict verdict = tuned.inspect(get("/v1/search?q=1%27%20UNION%20SELECT%20password%20FROM%20users--"));

            assertThat(verdict.findings()).extracting(Finding::ruleId).doesNotContainAnyElementsOf(fired);
        }
    }

    @Test
    void targetExclusionTakesOneArgumentOutOfOneRule() throws PolicyException {
        GuardRequest request = get("/v1/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        List<String> fired = enforcing.inspect(request).ruleIds();
        assertThat(fired).contains("941100");
        StringBuilder exclusions = new StringBuilder("removeTargets:\n");
        fired.forEach(id -> exclusions.append("  - {rule: \"").append(id).append("\", target: \"ARGS:q\"}\n"));

        try (Guard tuned = guard(exclusions.toString())) {
            Verdict verdict = tuned.inspect(request);
            assertThat(verdict.ruleIds()).doesNotContainAnyElementsOf(fired);
        }
    }

    @Test
    void higherParanoiaLevelFiresMoreRules() throws PolicyException {
        GuardRequest request = get("/v1/search?q=select%20name%20from%20t%20where%20id%3D1");
        int pl1 = enforcing.inspect(request).findings().size();
        try (Guard pl4 = guard("paranoiaLevel: 4\n")) {
            assertThat(pl4.inspect(request).findings().size()).isGreaterThan(pl1);
        }
    }

    @Test
    void invalidConfigurationIsReportedAtItsKeys() {
        String yaml = """
                apiVersion: aiguard.dev/v1
                stages:
                  - type: crs
                    paranoiaLevel: 7
                    engine: pcre
                    removeRules: ["abc"]
                """;
        List<PolicyError> errors = PolicyLoader.create().check("bad.yaml", yaml);
        assertThat(errors).extracting(PolicyError::toString).containsExactlyInAnyOrder(
                "bad.yaml:3:5: stages[0].directory: must name the CRS directory",
                "bad.yaml:4:20: stages[0].paranoiaLevel: must be 1 to 4",
                "bad.yaml:3:5: stages[0].detectionParanoiaLevel: must be between paranoiaLevel and 4",
                "bad.yaml:5:13: stages[0].engine: must be one of auto, hyperscan, re2j",
                "bad.yaml:6:19: stages[0].removeRules[0]: must be a rule id or a range like 942100-942199");
    }

    @Test
    void missingCrsDirectoryFailsTheBuildWithItsPath() {
        String yaml = """
                apiVersion: aiguard.dev/v1
                stages:
                  - type: crs
                    directory: /nonexistent/crs
                """;
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> PolicyLoader.create().load("x.yaml", yaml).toGuardConfig())
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("/nonexistent/crs");
    }

    @Test
    void exampleCrsPolicyLoads() throws PolicyException {
        Path example = Path.of(System.getProperty("maven.multiModuleProjectDirectory", "..")).resolve("examples/policies/crs.yaml");
        PolicyLoader loader = PolicyLoader.builder()
                .environment(Map.of("AIGUARD_CRS_DIR", crs.toString(), "AIGUARD_REGEX_ENGINE", "re2j", "AIGUARD_PL", "2"))
                .build();
        try (Guard guard = Guard.create(loader.load(example).toGuardConfig())) {
            assertThat(guard.inspect(get("/v1/search?q=1%27%20UNION%20SELECT%20password%20FROM%20users--")).blocked()).isTrue();
        }
    }
}
