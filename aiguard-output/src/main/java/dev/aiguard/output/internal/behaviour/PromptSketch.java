package dev.aiguard.output.internal.behaviour;

import java.util.Locale;

/**
 * What the behaviour stage keeps of a prompt: a 64-bit SimHash over word unigrams and bigrams (near-duplicates have
 * close hashes), the hashes of its first {@value #SLOTS} words (to see prompts that differ in exactly one word), its
 * word count and length. Never the text.
 *
 * @param simHash   SimHash of the prompt's words
 * @param words     hashes of the first words (at most {@value #SLOTS})
 * @param wordCount all words in the prompt
 * @param chars     prompt length in characters
 */
record PromptSketch(long simHash, int[] words, int wordCount, int chars) {

    /** Words compared position by position for enumeration. */
    static final int SLOTS = 16;

    static final PromptSketch EMPTY = new PromptSketch(0, new int[0], 0, 0);

    static PromptSketch of(String text) {
        if (text == null || text.isBlank()) {
            return EMPTY;
        }
        int[] counts = new int[64];
        int[] first = new int[SLOTS];
        int n = 0;
        long prev = 0;
        int i = 0;
        String lower = text.toLowerCase(Locale.ROOT);
        while (i < lower.length()) {
            while (i < lower.length() && !Character.isLetterOrDigit(lower.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < lower.length() && Character.isLetterOrDigit(lower.charAt(i))) {
                i++;
            }
            if (i == start) {
                break;
            }
            long h = mix(lower.substring(start, i).hashCode());
            add(counts, h);
            if (n > 0) {
                add(counts, mix(prev * 31 + h));
            }
            if (n < SLOTS) {
                first[n] = (int) h;
            }
            prev = h;
            n++;
        }
        long sim = 0;
        for (int b = 0; b < 64; b++) {
            if (counts[b] > 0) {
                sim |= 1L << b;
            }
        }
        return new PromptSketch(sim, java.util.Arrays.copyOf(first, Math.min(n, SLOTS)), n, text.length());
    }

    private static void add(int[] counts, long h) {
        for (int b = 0; b < 64; b++) {
            counts[b] += ((h >>> b) & 1) == 1 ? 1 : -1;
        }
    }

    /** A 64-bit finaliser (SplitMix64) so that similar inputs give unrelated bit patterns. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    boolean isEmpty() {
        return wordCount == 0;
    }
}
