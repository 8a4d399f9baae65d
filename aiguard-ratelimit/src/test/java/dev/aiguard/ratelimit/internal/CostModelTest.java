package dev.aiguard.ratelimit.internal;

import dev.aiguard.api.Usage;
import dev.aiguard.llm.LlmFormat;
import dev.aiguard.llm.LlmPayloads;
import dev.aiguard.llm.LlmRequest;
import dev.aiguard.ratelimit.RateLimitConfig;
import dev.aiguard.ratelimit.RateLimitConfig.Price;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CostModelTest {

    private final CostModel model = new CostModel(new RateLimitConfig.Cost(100L, 1000L, new Price(1.0, 2.0),
            Map.of("gpt-4o", new Price(2.0, 8.0), "claude-*", new Price(3.0, 15.0)),
            Map.of("/v1/embeddings", 0.5, "/v1", 1.0)), Harness.COUNTER);

    private static LlmRequest chat(String body) {
        return LlmPayloads.parse(LlmFormat.UNKNOWN, "/v1/chat/completions", body.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"model\":\"m\",\"messages\":[]}                         | 100",
            "{\"model\":\"m\",\"max_tokens\":300,\"messages\":[]}      | 300",
            "{\"model\":\"m\",\"max_tokens\":5000,\"messages\":[]}     | 1000",
            "{\"model\":\"m\",\"max_tokens\":300,\"n\":3,\"messages\":[]} | 900",
    })
    void reservedOutputIsTheRequestedLimitCappedTimesChoices(String body, long expected) {
        assertThat(model.reservedOutput(chat(body))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "gpt-4o, /v1/chat/completions, 200",
            "claude-3-opus, /v1/chat/completions, 360",
            "other, /v1/chat/completions, 60",
            "other, /v1/embeddings, 30",
            "other, /elsewhere, 60",
    })
    void costAppliesModelPriceAndRouteWeight(String name, String path, long expected) {
        // 20 input tokens, 20 output tokens.
        assertThat(model.cost(name, path, 20, 20)).isEqualTo(expected);
    }

    @Test
    void estimateCountsPromptTokensAndReservedOutput() {
        LlmRequest request = chat("{\"model\":\"gpt-4o\",\"max_tokens\":10,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}");

        CostEstimate e = model.estimate(request, "/v1/chat/completions");

        long input = Harness.COUNTER.estimate("gpt-4o", "hello there");
        assertThat(e).isEqualTo(new CostEstimate(input, 10, input * 2 + 80));
    }

    @Test
    void nonLlmRequestsCostNothingButStillCountAsRequests() {
        CostEstimate e = model.estimate(LlmRequest.notLlm(), "/health");

        assertThat(e.totalTokens()).isZero();
        assertThat(Unit.REQUESTS.amount(e)).isEqualTo(1);
        assertThat(Unit.COST.amount(e)).isZero();
    }

    @ParameterizedTest(name = "usage {0}/{1}, completed {2}")
    @CsvSource({
            "5, 7, true, 5, 7",
            "-1, 7, true, 50, 7",
            "-1, -1, true, 50, 60",
            "-1, -1, false, 50, 0",
            "5, -1, false, 5, 0",
    })
    void actualUsageFallsBackToTheEstimateWhereUnreported(long in, long out, boolean completed, long expectIn,
                                                          long expectOut) {
        CostEstimate reserved = new CostEstimate(50, 60, 0);

        CostEstimate actual = model.actual(reserved, new Usage(in, out), completed, "other", "/v1");

        assertThat(actual.inputTokens()).isEqualTo(expectIn);
        assertThat(actual.outputTokens()).isEqualTo(expectOut);
        assertThat(actual.cost()).isEqualTo(expectIn + 2 * expectOut);
    }
}
