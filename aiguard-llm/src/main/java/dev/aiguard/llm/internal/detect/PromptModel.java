package dev.aiguard.llm.internal.detect;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The statistical prompt-injection classifier: logistic regression over {@link FeatureHasher} features. Immutable
 * and thread-safe. Stored as a gzip'd binary (magic, version, feature-set id, hash bits, bias, named calibration values, weights),
 * written by {@code TrainPromptModel} and shipped as {@code dev/aiguard/llm/prompt-model.bin}.
 */
public final class PromptModel {

    /** Where the shipped weights live on the class path. */
    public static final String RESOURCE = "/dev/aiguard/llm/prompt-model.bin";

    private static final int MAGIC = 0x4147504D; // "AGPM"
    /** Version 2 added the feature-set id (version 1 models were trained on feature set 1, without structure). */
    private static final int VERSION = 2;

    private final int bits;
    private final float bias;
    private final float[] weights;
    private final Map<String, Float> calibration;
    private final FeatureHasher hasher;

    public PromptModel(int bits, float bias, float[] weights, Map<String, Float> calibration) {
        if (weights.length != 1 << bits) {
            throw new IllegalArgumentException("weights must have 2^bits entries");
        }
        this.bits = bits;
        this.bias = bias;
        this.weights = weights;
        this.calibration = Map.copyOf(calibration);
        this.hasher = new FeatureHasher(bits);
    }

    /** Loads the shipped model. */
    public static PromptModel loadDefault() throws IOException {
        try (InputStream in = PromptModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("prompt model resource " + RESOURCE + " missing from the class path");
            }
            return read(in);
        }
    }

    /** Reads a model written by {@link #write}. */
    public static PromptModel read(InputStream raw) throws IOException {
        DataInputStream in = new DataInputStream(new GZIPInputStream(raw));
        if (in.readInt() != MAGIC) {
            throw new IOException("not a prompt model (bad magic)");
        }
        int version = in.readInt();
        if (version != VERSION) {
            throw new IOException("prompt model format version " + version + ", this build reads " + VERSION
                    + ": retrain it with TrainPromptModel");
        }
        int featureSet = in.readInt();
        if (featureSet != FeatureHasher.FEATURE_SET) {
            throw new IOException("prompt model trained on feature set " + featureSet + ", this build computes "
                    + FeatureHasher.FEATURE_SET + ": retrain it with TrainPromptModel");
        }
        int bits = in.readInt();
        if (bits < 10 || bits > 24) {
            throw new IOException("bad hash bits " + bits);
        }
        float bias = in.readFloat();
        int entries = in.readInt();
        Map<String, Float> calibration = new LinkedHashMap<>();
        for (int i = 0; i < entries && i < 64; i++) {
            calibration.put(in.readUTF(), in.readFloat());
        }
        float[] weights = new float[1 << bits];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = in.readFloat();
        }
        return new PromptModel(bits, bias, weights, calibration);
    }

    /** Writes the model in the format {@link #read} expects. */
    public void write(OutputStream raw) throws IOException {
        GZIPOutputStream gz = new GZIPOutputStream(raw);
        DataOutputStream out = new DataOutputStream(gz);
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(FeatureHasher.FEATURE_SET);
        out.writeInt(bits);
        out.writeFloat(bias);
        out.writeInt(calibration.size());
        // Sorted: Map.copyOf iterates in an order salted per JVM, and the same corpus must give the same bytes.
        for (Map.Entry<String, Float> e : new TreeMap<>(calibration).entrySet()) {
            out.writeUTF(e.getKey());
            out.writeFloat(e.getValue());
        }
        for (float w : weights) {
            out.writeFloat(w);
        }
        out.flush();
        gz.finish();
    }

    /** Window and stride, in normalized characters, for long texts. */
    public static final int WINDOW = 4096;
    public static final int STRIDE = 2048;

    /**
     * Probability that normalized {@code text} is an attack, windowed: texts longer than {@link #WINDOW} are scored
     * in overlapping windows and the strongest counts, so an injection buried in a long document is not diluted.
     */
    public double scoreWindowed(String normalizedText) {
        if (normalizedText.length() <= WINDOW) {
            return score(normalizedText);
        }
        double best = 0;
        for (int start = 0; start < normalizedText.length(); start += STRIDE) {
            int end = Math.min(normalizedText.length(), start + WINDOW);
            best = Math.max(best, score(normalizedText.substring(start, end)));
            if (end == normalizedText.length()) {
                break;
            }
        }
        return best;
    }

    /** Probability that normalized {@code text} is an attack. */
    public double score(String normalizedText) {
        return score(hasher.features(normalizedText));
    }

    /** Probability for already-hashed features. */
    public double score(SparseVector x) {
        double z = bias;
        int[] idx = x.indices();
        float[] val = x.values();
        for (int i = 0; i < x.size(); i++) {
            z += weights[idx[i]] * val[i];
        }
        return 1.0 / (1.0 + Math.exp(-z));
    }

    /** A calibration value stored with the model (e.g. {@code threshold.fpr_0.5}), or {@code fallback}. */
    public double calibration(String key, double fallback) {
        Float v = calibration.get(key);
        return v == null ? fallback : v;
    }

    public Map<String, Float> calibration() {
        return calibration;
    }

    public int bits() {
        return bits;
    }

    public FeatureHasher hasher() {
        return hasher;
    }
}
