package dev.aiguard.llm.internal.tokens;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import dev.aiguard.llm.TokenCounter;

/**
 * Exact counts with jtokkit for OpenAI model families, a characters-per-token ratio for other models. Special-token
 * text such as {@code <|endoftext|>} in a prompt is counted as ordinary text, as the API does for user content.
 * Thread-safe (jtokkit encodings are).
 */
public final class JtokkitCounter implements TokenCounter {

    private final Encoding o200k;
    private final Encoding cl100k;
    private final double charsPerToken;

    public JtokkitCounter(double charsPerToken) {
        if (!(charsPerToken > 0)) {
            throw new IllegalArgumentException("charsPerToken must be > 0");
        }
        EncodingRegistry registry = Encodings.newLazyEncodingRegistry();
        this.o200k = registry.getEncoding(EncodingType.O200K_BASE);
        this.cl100k = registry.getEncoding(EncodingType.CL100K_BASE);
        this.charsPerToken = charsPerToken;
    }

    @Override
    public long count(String model, String text) {
        switch (EncodingFamily.of(model)) {
            case O200K:
                return o200k.countTokensOrdinary(text);
            case CL100K:
                return cl100k.countTokensOrdinary(text);
            default:
                return (long) Math.ceil(text.length() / charsPerToken);
        }
    }

    @Override
    public long estimate(String model, CharSequence text) {
        return EncodingFamily.of(model) == EncodingFamily.CL100K
                ? TokenEstimator.CL100K.estimate(text) : TokenEstimator.O200K.estimate(text);
    }
}
