package dev.aiguard.api.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiguard.api.Block;
import dev.aiguard.api.Guard;
import dev.aiguard.api.GuardConfig;
import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.StageOutcome;
import dev.aiguard.api.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemAnswerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Verdict blockedBy(Block block) {
        Guard guard = Guard.create(GuardConfig.builder()
                .stage("t", exchange -> StageOutcome.block(block, List.of())).build());
        return guard.inspect(GuardRequest.builder().build());
    }

    @ParameterizedTest(name = "{0} ms -> {1} s")
    @CsvSource({"0, 1", "1, 1", "999, 1", "1000, 1", "1001, 2", "60000, 60", "-5000, 1"})
    void retryAfterRoundsUpToWholeSecondsAndIsAtLeastOne(long millis, long seconds) {
        assertThat(ProblemAnswer.retryAfterSeconds(Duration.ofMillis(millis))).isEqualTo(seconds);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"401, Unauthorized", "403, Forbidden", "413, Content Too Large", "429, Too Many Requests",
        "503, Service Unavailable", "418, Request Refused", "599, Server Error"})
    void titleNamesTheStatus(int status, String title) {
        assertThat(ProblemAnswer.title(status)).isEqualTo(title);
    }

    @Test
    void blockAnswerCarriesStatusRetryAfterAndTheVerdictsHeaders() throws Exception {
        Verdict verdict = blockedBy(new Block(429, 8, "budget.tokens", List.of("ratelimit.user"),
                Duration.ofMillis(1500), Map.of("RateLimit", "\"user\";r=0;t=2")));

        ProblemAnswer answer = ProblemAnswer.forBlock(verdict);

        assertThat(answer.status()).isEqualTo(429);
        assertThat(answer.headers().first("Content-Type")).contains(ProblemAnswer.CONTENT_TYPE);
        assertThat(answer.headers().first("Cache-Control")).contains("no-store");
        assertThat(answer.headers().first("Retry-After")).contains("2");
        assertThat(answer.headers().first("RateLimit")).contains("\"user\";r=0;t=2");
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.get("type").asText()).isEqualTo("about:blank");
        assertThat(problem.get("title").asText()).isEqualTo("Too Many Requests");
        assertThat(problem.get("status").asInt()).isEqualTo(429);
        assertThat(problem.get("reason").asText()).isEqualTo("budget.tokens");
        assertThat(problem.get("requestId").asText()).isEqualTo(verdict.exchange().requestId());
        assertThat(problem.has("ruleIds")).isFalse();
    }

    @Test
    void problemBodyIsValidJsonForAnyReason() throws Exception {
        ProblemAnswer answer = ProblemAnswer.forBlock(blockedBy(
                new Block(400, 3, "odd \"reason\"\\\n\u0001", List.of(), null, Map.of())));

        assertThat(JSON.readTree(answer.body()).get("reason").asText()).isEqualTo("odd \"reason\"\\\n\u0001");
        assertThat(answer.headers().first("Retry-After")).isEmpty();
    }

    @Test
    void internalErrorNamesNoRequest() throws Exception {
        ProblemAnswer answer = ProblemAnswer.internalError();

        assertThat(answer.status()).isEqualTo(500);
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.get("reason").asText()).isEqualTo(ProblemAnswer.INTERNAL_ERROR);
        assertThat(problem.has("requestId")).isFalse();
    }

    @Test
    void adapterAnswerUsesTheGivenStatusAndReason() throws Exception {
        ProblemAnswer answer = ProblemAnswer.of(413, "aiguard.body_limit");

        assertThat(answer.status()).isEqualTo(413);
        assertThat(JSON.readTree(answer.body()).get("title").asText()).isEqualTo("Content Too Large");
    }
}
