package dev.aiguard.waf;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The real CRS through the facade: anomaly scores add up and 949110 blocks at the threshold (needs the CRS). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrsAnomalyScoringTest {

    private SecLangEngine engine;

    private SecLangEngine engine() {
        if (engine == null) {
            String dir = System.getProperty("aiguard.crs.dir", System.getenv("AIGUARD_CRS_DIR"));
            Assumptions.assumeTrue(dir != null && Files.isDirectory(Path.of(dir, "rules")),
                    "OWASP CRS not found: put it in ../shared/crs or set -Daiguard.crs.dir / AIGUARD_CRS_DIR");
            Path crs = Path.of(dir);
            engine = SecLangEngine.builder().regexEngine("re2j")
                    .ruleText("SecRuleEngine On\nSecRequestBodyAccess On\n", "engine.conf")
                    .rules(crs.resolve("crs-setup.conf.example"), crs.resolve("rules"))
                    .build();
        }
        return engine;
    }

    private static WafRequest post(String body) {
        return new WafRequest("POST", "/login", "HTTP/1.1", List.of(new HttpHeader("Host", "example.com"),
                new HttpHeader("User-Agent", "Mozilla/5.0"), new HttpHeader("Accept", "text/html"),
                new HttpHeader("Content-Type", "application/x-www-form-urlencoded"),
                new HttpHeader("Content-Length", Integer.toString(body.length()))), "198.51.100.7", 40000,
                "example.com", 443, body.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void sqlInjectionScoresAndIsDeniedByTheInboundEvaluation() {
        WafResult r = engine().newTransaction(post("user=admin' OR 1=1-- &pass=x")).processRequest();
        assertThat(r.inboundAnomalyScore()).isGreaterThanOrEqualTo(5);
        assertThat(r.txVariables().get("sql_injection_score")).isNotEqualTo("0");
        assertThat(r.interruption()).hasValueSatisfying(i -> {
            assertThat(i.ruleId()).isEqualTo(949110);
            assertThat(i.status()).isEqualTo(403);
        });
        assertThat(r.logLines()).anyMatch(l -> l.contains("Inbound Anomaly Score Exceeded (Total Score: "));
    }

    @Test
    void benignFormScoresZeroAndPasses() {
        WafResult r = engine().newTransaction(post("user=alice&pass=correct+horse")).processRequest();
        assertThat(r.inboundAnomalyScore()).isZero();
        assertThat(r.interruption()).isEmpty();
        assertThat(r.loggedRules()).isEmpty();
    }
}
