package dev.aiguard.llm.internal.tokens;

/**
 * The hot-path token estimate: a linear model over {@link TokenFeatures}, one pass over the characters, no
 * allocation beyond a small array. Weights were fitted (least squares on relative error) against jtokkit's exact counts
 * on the training split of {@code ../shared/corpus/prompt_*.jsonl}; {@code TokenEstimatorAccuracyTest} measures the
 * error on the held-out split and on the whole corpus (see {@code docs/llm.md} for the bound).
 */
public final class TokenEstimator {

    /** Weights for OpenAI's {@code cl100k_base} (GPT-4, GPT-3.5, embeddings). */
    public static final TokenEstimator CL100K = new TokenEstimator(
            new double[] {0.909, 0.095, 0.595, 0.551, 0.486, 1.138, 1.179, 0.759, 2.995, 2.785});

    /** Weights for OpenAI's {@code o200k_base} (GPT-4o, GPT-4.1, o-series) and the default for other models. */
    public static final TokenEstimator O200K = new TokenEstimator(
            new double[] {0.875, 0.111, 0.611, 0.569, 0.594, 1.127, 0.807, 0.340, 2.217, 0.558});

    private final double[] weights;

    private TokenEstimator(double[] weights) {
        if (weights.length != TokenFeatures.COUNT) {
            throw new IllegalArgumentException("need " + TokenFeatures.COUNT + " weights");
        }
        this.weights = weights.clone();
    }

    /** Estimated tokens of {@code text}; 0 for empty text, at least 1 otherwise. */
    public long estimate(CharSequence text) {
        if (text.length() == 0) {
            return 0;
        }
        double[] f = TokenFeatures.of(text);
        double sum = 0;
        for (int i = 0; i < f.length; i++) {
            sum += weights[i] * f[i];
        }
        return Math.max(1, Math.round(sum));
    }
}
