package dev.aiguard.llm;

import dev.aiguard.llm.internal.tokens.JtokkitCounter;

/**
 * Counts prompt tokens. {@link #count} is exact for OpenAI model families (jtokkit: {@code o200k_base} for GPT-4o,
 * GPT-4.1 and the o-series, {@code cl100k_base} for GPT-4, GPT-3.5 and embeddings) and uses a characters-per-token
 * ratio for other models; {@link #estimate} is a single-pass approximation for the hot path (documented error bound in
 * {@code docs/llm.md}). Implementations are thread-safe.
 */
public interface TokenCounter {

    /** Default characters per token for models without a known tokenizer. */
    double DEFAULT_CHARS_PER_TOKEN = 4.0;

    /** Exact count for known families, ratio-based otherwise. */
    long count(String model, String text);

    /** A cheap estimate of {@link #count} for known families; for unknown models, of the {@code o200k} count. */
    long estimate(String model, CharSequence text);

    /** Sum of {@link #count} over a request's prompt segments. */
    default long count(LlmRequest request) {
        long sum = 0;
        for (PromptSegment s : request.segments()) {
            sum += count(request.model(), s.text());
        }
        return sum;
    }

    /** Sum of {@link #estimate} over a request's prompt segments. */
    default long estimate(LlmRequest request) {
        long sum = 0;
        for (PromptSegment s : request.segments()) {
            sum += estimate(request.model(), s.text());
        }
        return sum;
    }

    /** A counter using jtokkit, with {@code charsPerToken} for unknown models. Loading encodings is lazy. */
    static TokenCounter create(double charsPerToken) {
        return new JtokkitCounter(charsPerToken);
    }

    /** A counter with {@link #DEFAULT_CHARS_PER_TOKEN}. */
    static TokenCounter create() {
        return create(DEFAULT_CHARS_PER_TOKEN);
    }
}
