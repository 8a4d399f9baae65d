package dev.aiguard.api.internal.policy;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean" hints for unknown keys and names, by edit distance. */
public final class KeyHints {

    /** Longer keys get no hint: nobody typos a key that long, and the distance table grows with it. */
    private static final int MAX_WORD = 64;

    private KeyHints() {
    }

    /**
     * The known word closest to {@code word}, or {@code null} when none is close enough to be a plausible typo (at most
     * a third of the word's length in edits, at least one, at most three; a transposition counts as one edit).
     */
    public static String closest(String word, Collection<String> known) {
        if (word.length() > MAX_WORD) {
            return null;
        }
        String w = word.toLowerCase(Locale.ROOT);
        int limit = Math.max(1, Math.min(3, w.length() / 3));
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            if (candidate.length() > MAX_WORD) {
                continue;
            }
            int d = distance(w, candidate.toLowerCase(Locale.ROOT));
            if (d <= limit && d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best;
    }

    /** The message for an unknown key, with a hint when one is close. */
    public static String unknownKey(String key, Collection<String> known) {
        String hint = closest(key, known);
        String shown = key.length() > MAX_WORD ? key.substring(0, MAX_WORD) + "..." : key;
        return hint == null ? "unknown key '" + shown + "'" : "unknown key '" + shown + "' (did you mean '" + hint + "'?)";
    }

    /** Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent transpositions. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }
}
