package dev.aiguard.llm.internal.detect;

import java.util.Arrays;

/**
 * Maps normalized text to hashed features: word unigrams, word bigrams, character 3- to 5-grams and a few prompt-
 * structure features (see {@link #structure}), signed hashing into {@code 2^bits} buckets. Features are presence-only
 * (a repeated n-gram counts once: long templates repeating a phrase must not outweigh the one injected sentence) and
 * scaled by {@code 1/sqrt(distinct features)}, a unit L2 norm, so long and short texts score on the same scale;
 * structure features get half that value, so they shift the score without deciding it. Presence beat term counts by
 * 11 points of out-of-fold recall at 0.5% false positives. The same map is used for training and scoring: never
 * change it without retraining (and bumping {@link #FEATURE_SET}).
 */
public final class FeatureHasher {

    private static final int SEED_WORD = 0x1234567;
    private static final int SEED_BIGRAM = 0x7654321;
    private static final int SEED_CHAR = 0x2468ACE;
    private static final int MIN_CHAR_GRAM = 3;
    private static final int MAX_CHAR_GRAM = 5;
    private static final int SEED_STRUCTURE = 0x5A17C0DE;
    /** Value of a structure feature relative to an n-gram feature. */
    private static final float STRUCTURE_WEIGHT = 0.5f;

    /** Identifies this feature map; stored in model files so a model trained on another map is refused. */
    public static final int FEATURE_SET = 2;

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
        int[] wordStats = words(text, b);
        chars(text, b);
        int ngrams = b.size;
        structure(text, wordStats, b);
        return b.build(ngrams);
    }

    /**
     * Adds word unigrams and bigrams; returns {hash of the first word, hash of the first two words, second-person
     * words} for {@link #structure}.
     */
    private int[] words(String text, Builder b) {
        int previous = 0;
        boolean hasPrevious = false;
        int first = 0;
        int firstTwo = 0;
        int words = 0;
        int secondPerson = 0;
        int i = 0;
        while (i < text.length()) {
            if (!Character.isLetterOrDigit(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            int h = SEED_WORD;
            while (i < text.length() && Character.isLetterOrDigit(text.charAt(i))) {
                h = step(h, text.charAt(i++));
            }
            b.add(h);
            if (hasPrevious) {
                b.add(step(step(SEED_BIGRAM, previous), h));
            }
            if (words == 0) {
                first = h;
            } else if (words == 1) {
                firstTwo = step(first, h);
            }
            if (isSecondPerson(text, start, i)) {
                secondPerson++;
            }
            words++;
            previous = h;
            hasPrevious = true;
        }
        return new int[] {first, words > 1 ? firstTwo : first, secondPerson};
    }

    private static boolean isSecondPerson(String text, int start, int end) {
        int n = end - start;
        return (n == 3 || n == 4) && text.startsWith("you", start) && (n == 3 || text.charAt(start + 3) == 'r');
    }

    /**
     * Prompt-structure features, each one hashed token: how the text opens (first word and first two words, where
     * imperatives such as "ignore", "pretend", "write" sit), how much it addresses the reader ("you"/"your", bucketed
     * 0..5+), length (log2 buckets), quoting (log2 buckets of quote and backtick characters) and whether it ends with
     * a question mark. They carry what a bag of n-grams cannot: position and proportion.
     */
    private static void structure(String text, int[] wordStats, Builder b) {
        b.add(step(step(SEED_STRUCTURE, 1), wordStats[0]));
        b.add(step(step(SEED_STRUCTURE, 2), wordStats[1]));
        b.add(step(step(SEED_STRUCTURE, 3), Math.min(5, wordStats[2])));
        b.add(step(step(SEED_STRUCTURE, 4), log2Bucket(text.length())));
        int quotes = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '"' || ch == '\'' || ch == '`') {
                quotes++;
            }
        }
        b.add(step(step(SEED_STRUCTURE, 5), Math.min(6, log2Bucket(quotes))));
        if (text.endsWith("?")) {
            b.add(step(SEED_STRUCTURE, 6));
        }
    }

    /** floor(log2(n + 1)). */
    private static int log2Bucket(int n) {
        return 31 - Integer.numberOfLeadingZeros(n + 1);
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

        /** Entries from {@code firstStructure} on are structure features (weighted by STRUCTURE_WEIGHT). */
        SparseVector build(int firstStructure) {
            for (int i = firstStructure; i < size; i++) {
                signs[i] *= STRUCTURE_WEIGHT;
            }
            int ngrams = distinct(indices, signs, firstStructure);
            // Structure entries are few and hashed with their own seed: shift them down behind the distinct n-grams.
            int n = ngrams;
            for (int i = firstStructure; i < size; i++, n++) {
                indices[n] = indices[i];
                signs[n] = signs[i];
            }
            size = n;
            float scale = size == 0 ? 0f : (float) (1.0 / Math.sqrt(size));
            for (int i = 0; i < size; i++) {
                signs[i] *= scale;
            }
            return new SparseVector(indices, signs, size);
        }
    }
}
