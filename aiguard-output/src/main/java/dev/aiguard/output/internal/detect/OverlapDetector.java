package dev.aiguard.output.internal.detect;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * System-prompt leakage by overlap: the output repeats word n-grams of the request's own system prompt. Words are
 * lower-cased runs of letters and digits; a run of at least {@code minNgrams} consecutive matching n-grams (i.e.
 * {@code n + minNgrams - 1} words verbatim) is a match spanning those words. Built per exchange from its system
 * segment; memory is one hash per n-gram of the system prompt (bounded by the parser's text limits).
 */
public final class OverlapDetector implements Detector {

    private final int n;
    private final int minNgrams;
    private final Set<Long> grams;

    /**
     * @param systemPrompt the request's system text
     * @param n            words per n-gram
     * @param minNgrams    consecutive matching n-grams that make a leak
     */
    public OverlapDetector(String systemPrompt, int n, int minNgrams) {
        this.n = n;
        this.minNgrams = minNgrams;
        this.grams = new HashSet<>();
        List<int[]> words = words(systemPrompt);
        long[] hashes = wordHashes(systemPrompt, words);
        for (int i = 0; i + n <= hashes.length; i++) {
            grams.add(gram(hashes, i));
        }
    }

    /** Whether the system prompt is long enough to have n-grams at all. */
    public boolean isEmpty() {
        return grams.isEmpty();
    }

    @Override
    public String id() {
        return "leak.system_prompt";
    }

    @Override
    public String kind() {
        return "leak";
    }

    @Override
    public void find(CharSequence text, int from, int to, List<Match> out) {
        if (grams.isEmpty()) {
            return;
        }
        String s = text.toString();
        List<int[]> words = words(s);
        long[] hashes = wordHashes(s, words);
        int runStart = -1;
        int runLength = 0;
        for (int i = 0; i + n <= hashes.length; i++) {
            if (grams.contains(gram(hashes, i))) {
                if (runLength == 0) {
                    runStart = i;
                }
                runLength++;
            } else {
                emit(words, runStart, runLength, from, to, out);
                runLength = 0;
            }
        }
        emit(words, runStart, runLength, from, to, out);
    }

    private void emit(List<int[]> words, int runStart, int runLength, int from, int to, List<Match> out) {
        if (runLength >= minNgrams && words.get(runStart)[0] >= from && words.get(runStart)[0] < to) {
            int last = runStart + runLength - 1 + n - 1;
            out.add(new Match(words.get(runStart)[0], words.get(last)[1], this, false));
        }
    }

    private long gram(long[] hashes, int from) {
        long h = 1125899906842597L;
        for (int i = from; i < from + n; i++) {
            h = h * 1_000_003L + hashes[i];
        }
        return h;
    }

    /** Word spans [start, end) of letter-or-digit runs. */
    private static List<int[]> words(String s) {
        List<int[]> words = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            while (i < s.length() && !Character.isLetterOrDigit(s.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < s.length() && Character.isLetterOrDigit(s.charAt(i))) {
                i++;
            }
            if (i > start) {
                words.add(new int[] {start, i});
            }
        }
        return words;
    }

    private static long[] wordHashes(String s, List<int[]> words) {
        long[] out = new long[words.size()];
        for (int i = 0; i < out.length; i++) {
            int[] w = words.get(i);
            out[i] = s.substring(w[0], w[1]).toLowerCase(Locale.ROOT).hashCode();
        }
        return out;
    }
}
