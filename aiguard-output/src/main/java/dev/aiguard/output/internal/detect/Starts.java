package dev.aiguard.output.internal.detect;

/**
 * Finds the positions where a detector's pattern can start, so that the pattern is tried only there (most text is
 * prose where no detector can start). Stateless.
 */
@FunctionalInterface
interface Starts {

    /** The first candidate start in [from, to), or -1. */
    int next(CharSequence text, int from, int to);

    /** Where one of the literals begins. */
    static Starts literal(String... literals) {
        return (text, from, to) -> {
            String s = text.toString();
            int best = -1;
            for (String l : literals) {
                int at = s.indexOf(l, from);
                if (at >= 0 && at < to && (best < 0 || at < best)) {
                    best = at;
                }
            }
            return best;
        };
    }

    /** Where a run of digits (or a leading {@code +} or {@code (}) begins after a non-digit. */
    static Starts numberStart() {
        return (text, from, to) -> {
            for (int i = from; i < to; i++) {
                char c = text.charAt(i);
                boolean start = (c >= '0' && c <= '9') || c == '+' || c == '(';
                if (start && (i == 0 || !isDigit(text.charAt(i - 1)))) {
                    return i;
                }
            }
            return -1;
        };
    }

    /** Where a digit run begins or an upper-case letter is followed by digits (ids like {@code X1234567L}). */
    static Starts digitOrLetterDigit() {
        return (text, from, to) -> {
            for (int i = from; i < to; i++) {
                char c = text.charAt(i);
                boolean prevDigit = i > 0 && isDigit(text.charAt(i - 1));
                if ((isDigit(c) && !prevDigit) || (c >= 'X' && c <= 'Z' && i + 1 < text.length()
                        && isDigit(text.charAt(i + 1)))) {
                    return i;
                }
            }
            return -1;
        };
    }

    /** Where two upper-case letters are followed by a digit, optionally after one space (IBAN, NINO). */
    static Starts twoLettersThenDigit() {
        return (text, from, to) -> {
            int n = text.length();
            for (int i = from; i < to && i + 2 < n; i++) {
                if (isUpper(text.charAt(i)) && isUpper(text.charAt(i + 1))) {
                    char c = text.charAt(i + 2);
                    if (isDigit(c) || (c == ' ' && i + 3 < n && isDigit(text.charAt(i + 3)))) {
                        return i;
                    }
                }
            }
            return -1;
        };
    }

    /** The start of the local part before an {@code @}: e-mail addresses begin there. */
    static Starts beforeAt() {
        return (text, from, to) -> {
            String s = text.toString();
            int at = s.indexOf('@', from);
            while (at >= 0) {
                int start = at;
                while (start > 0 && start > at - 64 && isLocal(s.charAt(start - 1))) {
                    start--;
                }
                if (start >= to) {
                    return -1;
                }
                if (start >= from && start < at) {
                    return start;
                }
                at = s.indexOf('@', at + 1);
            }
            return -1;
        };
    }

    private static boolean isLocal(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c) || c == '.' || c == '_' || c == '%'
                || c == '+' || c == '-';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }
}
