package dev.aiguard.cli.internal.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemResponsesTest {

    @Test
    void problemDocumentHasTheRfc9457Members() throws Exception {
        JsonNode problem = new ObjectMapper().readTree(ProblemResponses.body(429, "budget.tokens", "req-1"));
        assertThat(problem.get("type").asText()).isEqualTo("urn:aiguard:problem:budget.tokens");
        assertThat(problem.get("title").asText()).isEqualTo("Too Many Requests");
        assertThat(problem.get("status").asInt()).isEqualTo(429);
        assertThat(problem.get("detail").asText()).isEqualTo("budget.tokens");
        assertThat(problem.get("instance").asText()).isEqualTo("req-1");
    }

    @Test
    void reasonCharactersOutsideAUrnAreReplacedInTheType() throws Exception {
        JsonNode problem = new ObjectMapper().readTree(ProblemResponses.body(403, "waf rule/942100", null));
        assertThat(problem.get("type").asText()).isEqualTo("urn:aiguard:problem:waf_rule_942100");
        assertThat(problem.get("detail").asText()).isEqualTo("waf rule/942100");
        assertThat(problem.has("instance")).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"0, 1", "1, 1", "999, 1", "1000, 1", "1001, 2", "60000, 60"})
    void retryAfterIsWholeSecondsRoundedUpAndAtLeastOne(long millis, String seconds) {
        assertThat(ProblemResponses.retryAfterSeconds(Duration.ofMillis(millis))).isEqualTo(seconds);
    }
}
