package dev.aiguard.llm.internal.train;

import dev.aiguard.llm.internal.detect.FeatureHasher;
import dev.aiguard.llm.internal.detect.PromptModel;
import dev.aiguard.llm.internal.detect.SparseVector;
import dev.aiguard.llm.internal.detect.TextNormalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Trains the logistic-regression prompt classifier with AdaGrad SGD and L2 regularisation. Deterministic: a fixed
 * seed orders the samples and the arithmetic is single-threaded, so the same corpus gives the same weights.
 *
 * @param bits         hash bits of the feature space
 * @param epochs       passes over the data
 * @param learningRate AdaGrad base rate
 * @param l2           L2 penalty per update
 * @param seed         shuffle seed
 * @param nbScaling    scale each feature by its naive-Bayes log-count ratio before fitting (NBSVM-style); the
 *                     shipped weights then already include the ratio, so scoring is unchanged
 */
public record LogisticTrainer(int bits, int epochs, double learningRate, double l2, long seed, boolean nbScaling) {

    /** The settings the shipped model was trained with. */
    public static final LogisticTrainer DEFAULT = new LogisticTrainer(18, 30, 0.5, 1e-6, 20261123L, true);

    /** Trains on {@code samples}; calibration values are attached by the caller. */
    public PromptModel train(List<LabeledText> samples, Map<String, Float> calibration) {
        FeatureHasher hasher = new FeatureHasher(bits);
        int dim = 1 << bits;
        float[] w = new float[dim];
        float[] g2 = new float[dim];
        double bias = 0;
        double biasG2 = 0;
        List<String> texts = new ArrayList<>(samples.size());
        for (LabeledText s : samples) {
            texts.add(TextNormalizer.normalize(s.text()));
        }
        List<Integer> order = new ArrayList<>(samples.size());
        for (int i = 0; i < samples.size(); i++) {
            order.add(i);
        }
        float[] ratio = nbScaling ? logCountRatios(hasher, texts, samples, dim) : null;
        Random random = new Random(seed);
        for (int epoch = 0; epoch < epochs; epoch++) {
            Collections.shuffle(order, random);
            for (int i : order) {
                SparseVector x = hasher.features(texts.get(i));
                if (ratio != null) {
                    for (int k = 0; k < x.size(); k++) {
                        x.values()[k] *= ratio[x.indices()[k]];
                    }
                }
                double z = bias;
                for (int k = 0; k < x.size(); k++) {
                    z += w[x.indices()[k]] * x.values()[k];
                }
                double p = 1.0 / (1.0 + Math.exp(-z));
                double err = p - (samples.get(i).attack() ? 1.0 : 0.0);
                for (int k = 0; k < x.size(); k++) {
                    int j = x.indices()[k];
                    double grad = err * x.values()[k] + l2 * w[j];
                    g2[j] += (float) (grad * grad);
                    w[j] -= (float) (learningRate * grad / Math.sqrt(g2[j] + 1e-8));
                }
                biasG2 += err * err;
                bias -= learningRate * err / Math.sqrt(biasG2 + 1e-8);
            }
        }
        if (ratio != null) {
            for (int j = 0; j < dim; j++) {
                w[j] *= ratio[j];
            }
        }
        return new PromptModel(bits, (float) bias, w, calibration);
    }

    /** Per bucket: log of (share of attack texts having it) / (share of benign texts having it), smoothed. */
    private static float[] logCountRatios(FeatureHasher hasher, List<String> texts, List<LabeledText> samples, int dim) {
        double[] attack = new double[dim];
        double[] benign = new double[dim];
        java.util.Arrays.fill(attack, 1.0);
        java.util.Arrays.fill(benign, 1.0);
        double attackTotal = dim;
        double benignTotal = dim;
        for (int i = 0; i < texts.size(); i++) {
            SparseVector x = hasher.features(texts.get(i));
            double[] into = samples.get(i).attack() ? attack : benign;
            for (int k = 0; k < x.size(); k++) {
                into[x.indices()[k]] += 1;
            }
            if (samples.get(i).attack()) {
                attackTotal += x.size();
            } else {
                benignTotal += x.size();
            }
        }
        float[] r = new float[dim];
        for (int j = 0; j < dim; j++) {
            r[j] = (float) Math.abs(Math.log((attack[j] / attackTotal) / (benign[j] / benignTotal)));
        }
        return r;
    }
}
