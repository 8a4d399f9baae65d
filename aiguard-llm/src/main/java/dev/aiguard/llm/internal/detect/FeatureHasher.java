package dev.aiguard.llm.internal.detect;

import java.util.Arrays;

/**
 * Maps normalized text to hashed features: word unigrams, word bigrams and character 3- to 5-grams, signed hashing
 * into {@code 2^bits} buckets, each occurrence worth {@code 1/sqrt(occurrences)} so long and short texts score on the
 * same scale. The same map is used for training and scoring, so it must never change without retraining.
 */
public final class FeatureHasher {

    private static final int SEED_WORD = 0x1234567;
    private static final int SEED_BIGRAM = 0x7654321;
    private static final int SEED_CHAR = 0x2468ACE;
    private static final int MIN_CHAR_GRAM = 3;
    private static final int MAX_CHAR_GRAM = 5;

    private final int mask;

    public FeatureHasher(int bits) {
        if (bits < 10 || bits > 24) {
            throw new IllegalArgumentException("bits must be 10..24");
        }
        this.mask = (1 << bits) - 1;
    }

    /** Features of already-normalized text. */
    public SparseVector features(String text) {
        Builder b = new Builder(text.length() * 4 + 8);
        words(text, b);
        chars(text, b);
        return b.build();
    }

    private void words(String text, Builder b) {
        int previous = 0;
        boolean hasPrevious = false;
        int i = 0;
        while (i < text.length()) {
            if (!Character.isLetterOrDigit(text.charAt(i))) {
                i++;
                continue;
            }
            int h = SEED_WORD;
            while (i < text.length() && Character.isLetterOrDigit(text.charAt(i))) {
                h = step(h, text.charAt(i++));
            }
            b.add(h);
            if (hasPrevious) {
                b.add(step(step(SEED_BIGRAM, previous), h));
            }
            previous = h;
            hasPrevious = true;
        }
    }

    private void chars(String text, Builder b) {
        for (int i = 0; i + MIN_CHAR_GRAM <= text.length(); i++) {
            int h = SEED_CHAR;
            for (int n = 0; n < MAX_CHAR_GRAM && i + n < text.length(); n++) {
                h = step(h, text.charAt(i + n));
                if (n + 1 >= MIN_CHAR_GRAM) {
                    b.add(step(h, n));
                }
            }
        }
    }

    /** One FNV-1a step over a 16-bit char. */
    private static int step(int h, int ch) {
        return (h ^ ch) * 0x01000193;
    }

    /** Murmur3's finalizer: spreads FNV's weak low bits before masking. */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    private final class Builder {
        private int[] indices;
        private float[] signs;
        private int size;

        Builder(int capacity) {
            indices = new int[capacity];
            signs = new float[capacity];
        }

        void add(int rawHash) {
            int h = mix(rawHash);
            if (size == indices.length) {
                indices = Arrays.copyOf(indices, size * 2);
                signs = Arrays.copyOf(signs, size * 2);
            }
            indices[size] = h & mask;
            signs[size] = h < 0 ? -1f : 1f;
            size++;
        }

        SparseVector build() {
            float scale = size == 0 ? 0f : (float) (1.0 / Math.sqrt(size));
            for (int i = 0; i < size; i++) {
                signs[i] *= scale;
            }
            return new SparseVector(indices, signs, size);
        }
    }
}
