package dev.aiguard.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiguard.llm.internal.tokens.EncodingFamily;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TokenCounterTest {

    private final TokenCounter counter = TokenCounter.create(3.0);

    @ParameterizedTest
    @CsvSource({
        "gpt-4o, O200K", "gpt-4o-mini-2024-07-18, O200K", "openai/gpt-4.1, O200K", "o3-mini, O200K", "o1, O200K",
        "gpt-5, O200K", "gpt-4, CL100K", "gpt-4-turbo, CL100K", "gpt-3.5-turbo, CL100K", "text-embedding-3-small, CL100K",
        "text-embedding-ada-002, CL100K", "claude-sonnet-4-5, UNKNOWN", "llama-3.1-8b-instruct, UNKNOWN", "'', UNKNOWN"
    })
    void modelNamesMapToEncodingFamilies(String model, EncodingFamily family) {
        assertThat(EncodingFamily.of(model)).isEqualTo(family);
    }

    @Test
    void knownFamiliesAreCountedExactly() {
        assertThat(counter.count("gpt-4o", "hello world")).isEqualTo(2);
        assertThat(counter.count("gpt-4", "hello world")).isEqualTo(2);
        // Special-token text in user content is ordinary text, never an exception.
        assertThat(counter.count("gpt-4o", "<|endoftext|>")).isGreaterThan(1);
    }

    @Test
    void unknownModelsUseTheConfiguredRatio() {
        assertThat(counter.count("llama3", "a".repeat(30))).isEqualTo(10);
        assertThat(counter.count("llama3", "a".repeat(31))).isEqualTo(11);
    }

    @Test
    void requestTotalsSumTheSegments() {
        LlmRequest r = new LlmRequest(LlmFormat.OPENAI_CHAT, "gpt-4o", false, -1, 1, List.of(), List.of(
                new PromptSegment(SegmentSource.SYSTEM, "hello world", "messages[0].content"),
                new PromptSegment(SegmentSource.USER, "hello world", "messages[1].content")), 0, 0, null);
        assertThat(counter.count(r)).isEqualTo(4);
        assertThat(counter.estimate(r)).isBetween(2L, 6L);
    }

    @Test
    void estimateIsZeroOnlyForEmptyText() {
        assertThat(counter.estimate("gpt-4o", "")).isZero();
        assertThat(counter.estimate("gpt-4o", ".")).isEqualTo(1);
    }
}
