package dev.aiguard.waf.internal.regex;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits a regex whose outermost alternation can be distributed into one expression per alternative:
 * {@code P(?:A|B|C)S} becomes {@code P(?:A)S}, {@code P(?:B)S}, {@code P(?:C)S}, and a top-level
 * {@code A|B} becomes {@code A}, {@code B}. For "is there a match anywhere" the union of the pieces
 * is exactly the original pattern (no backreferences exist in the dialect), so Hyperscan can answer
 * patterns that are "too large" as a whole (the CRS 932xxx command lists) without a prefilter.
 *
 * <p>Refuses (empty result) whenever the split would not be exact or the lexer is unsure: a quantified
 * group, a bare inline flag group such as {@code (?i)} inside the alternation (PCRE carries it into the
 * following alternatives), {@code \Q...\E}, or unbalanced parentheses or brackets.
 */
final class AlternationSplitter {

    private AlternationSplitter() {
    }

    /** The pieces, or empty when the pattern has no splittable alternation. */
    static Optional<List<String>> split(String pattern) {
        if (pattern.contains("\\Q")) {
            return Optional.empty();
        }
        // A leading (?i) applies to every alternative, so each piece keeps it.
        int flagsEnd = bareFlagGroup(pattern, 0) ? pattern.indexOf(')') + 1 : 0;
        List<Integer> topBars = barsAtDepth(pattern, flagsEnd, pattern.length(), 0);
        if (topBars == null) {
            return Optional.empty();
        }
        if (!topBars.isEmpty()) {
            return pieces(pattern, pattern.substring(0, flagsEnd), flagsEnd, pattern.length(), topBars, "");
        }
        return splitFirstGroup(pattern);
    }

    /**
     * Splits {@code pattern} again and again until every piece is at most {@code maxPieceLength} chars or
     * cannot be split further. No piece is trial-compiled: the caller compiles all pieces at once and
     * falls back when that fails.
     *
     * @return the pieces (at least two), or empty when the pattern does not split or would need more
     *         than {@code maxPieces} pieces
     */
    static Optional<List<String>> splitToSize(String pattern, int maxPieceLength, int maxPieces) {
        List<String> first = split(pattern).orElse(null);
        if (first == null) {
            return Optional.empty();
        }
        List<String> out = new ArrayList<>();
        List<String> pending = new ArrayList<>(first);
        while (!pending.isEmpty()) {
            String piece = pending.remove(pending.size() - 1);
            List<String> finer = piece.length() > maxPieceLength ? split(piece).orElse(null) : null;
            if (finer == null) {
                out.add(piece);
            } else {
                pending.addAll(finer);
            }
            if (out.size() + pending.size() > maxPieces) {
                return Optional.empty();
            }
        }
        java.util.Collections.reverse(out);
        return Optional.of(out);
    }

    /** {@code P(?:A|B)S}: the first depth-0 group that holds an alternation and is not quantified. */
    private static Optional<List<String>> splitFirstGroup(String pattern) {
        return splitFirstGroup(pattern, 0, pattern.length());
    }

    /**
     * Looks for the first unquantified group with an alternation between {@code from} and {@code to},
     * descending into unquantified groups without one: {@code P(?:Y(?:a|b)Z)S} is the union of
     * {@code P(?:Y(?:a)Z)S} and {@code P(?:Y(?:b)Z)S}.
     */
    private static Optional<List<String>> splitFirstGroup(String pattern, int from, int to) {
        int i = from;
        while (i < to) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '[') {
                i = classEnd(pattern, i);
                if (i < 0) {
                    return Optional.empty();
                }
            } else if (c == '(') {
                int close = groupEnd(pattern, i);
                if (close < 0) {
                    return Optional.empty();
                }
                int body = bodyStart(pattern, i);
                if (body > 0 && !quantified(pattern, close + 1)) {
                    List<Integer> bars = barsAtDepth(pattern, body, close, 0);
                    if (bars == null) {
                        return Optional.empty();
                    }
                    if (!bars.isEmpty()) {
                        return pieces(pattern, pattern.substring(0, body), body, close, bars,
                                pattern.substring(close));
                    }
                    Optional<List<String>> inner = splitFirstGroup(pattern, body, close);
                    if (inner.isPresent()) {
                        return inner;
                    }
                }
                i = close + 1;
            } else {
                i++;
            }
        }
        return Optional.empty();
    }

    /**
     * Where the body of the group opened at {@code open} starts, for groups whose alternatives may be
     * distributed: {@code (}, {@code (?:} and {@code (?flags:}; -1 for anything else.
     */
    private static int bodyStart(String pattern, int open) {
        if (!pattern.startsWith("(?", open)) {
            return open + 1;
        }
        int i = open + 2;
        while (i < pattern.length() && (Character.isLetter(pattern.charAt(i)) || pattern.charAt(i) == '-')) {
            i++;
        }
        return i < pattern.length() && pattern.charAt(i) == ':' ? i + 1 : -1;
    }

    private static Optional<List<String>> pieces(String pattern, String before, int from, int to,
                                                 List<Integer> bars, String after) {
        List<String> out = new ArrayList<>(bars.size() + 1);
        int start = from;
        for (int bar : bars) {
            out.add(before + pattern.substring(start, bar) + after);
            start = bar + 1;
        }
        out.add(before + pattern.substring(start, to) + after);
        return Optional.of(out);
    }

    private static boolean quantified(String pattern, int i) {
        return i < pattern.length() && "*+?{".indexOf(pattern.charAt(i)) >= 0;
    }

    /**
     * Offsets of {@code |} at the given depth between {@code from} and {@code to}; {@code null} when the
     * region has a bare inline flag group at that depth or does not lex cleanly.
     */
    private static List<Integer> barsAtDepth(String pattern, int from, int to, int depth) {
        List<Integer> bars = new ArrayList<>();
        int level = 0;
        int i = from;
        while (i < to) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '[') {
                i = classEnd(pattern, i);
                if (i < 0 || i > to) {
                    return null;
                }
                continue;
            }
            if (c == '(') {
                if (level == depth && bareFlagGroup(pattern, i)) {
                    return null;
                }
                level++;
            } else if (c == ')') {
                level--;
                if (level < 0) {
                    return null;
                }
            } else if (c == '|' && level == depth) {
                bars.add(i);
            }
            i++;
        }
        return level == 0 ? bars : null;
    }

    /** {@code (?flags)} without a colon: it changes the flags for the rest of the enclosing group. */
    private static boolean bareFlagGroup(String pattern, int open) {
        if (!pattern.startsWith("(?", open)) {
            return false;
        }
        int i = open + 2;
        while (i < pattern.length() && (Character.isLetter(pattern.charAt(i)) || pattern.charAt(i) == '-')) {
            i++;
        }
        return i > open + 2 && i < pattern.length() && pattern.charAt(i) == ')';
    }

    /** Index of the {@code )} that closes the group opened at {@code open}, or -1. */
    private static int groupEnd(String pattern, int open) {
        int level = 0;
        int i = open;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '[') {
                i = classEnd(pattern, i);
                if (i < 0) {
                    return -1;
                }
                continue;
            }
            if (c == '(') {
                level++;
            } else if (c == ')') {
                level--;
                if (level == 0) {
                    return i;
                }
            }
            i++;
        }
        return -1;
    }

    /** Index just after the character class opened at {@code open}, or -1 when it does not close. */
    static int classEnd(String pattern, int open) {
        int i = open + 1;
        int n = pattern.length();
        if (i < n && pattern.charAt(i) == '^') {
            i++;
        }
        if (i < n && pattern.charAt(i) == ']') {
            i++;
        }
        while (i < n) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '[' && i + 1 < n && pattern.charAt(i + 1) == ':') {
                int end = pattern.indexOf(":]", i + 2);
                if (end < 0) {
                    return -1;
                }
                i = end + 2;
            } else if (c == ']') {
                return i + 1;
            } else {
                i++;
            }
        }
        return -1;
    }
}
