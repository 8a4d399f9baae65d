package dev.aiguard.waf.internal.engine;

/** Number parsing as ModSecurity does it for TX arithmetic: C {@code atoi} rules, anything else is 0. */
final class Numbers {

    private Numbers() {
    }

    /**
     * Skips leading whitespace, reads an optional sign and the following digits and ignores the rest;
     * {@code null}, empty and non-numeric text give 0. Saturates instead of overflowing.
     */
    static long parseLong(String text) {
        if (text == null) {
            return 0;
        }
        int i = 0;
        int n = text.length();
        while (i < n && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        long result = 0;
        while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            if (result > (Long.MAX_VALUE - 9) / 10) {
                return negative ? Long.MIN_VALUE : Long.MAX_VALUE;
            }
            result = result * 10 + (text.charAt(i) - '0');
            i++;
        }
        return negative ? -result : result;
    }
}
