package dev.aiguard.waf.internal.operator;

/** The numeric comparisons {@code @eq @ne @gt @ge @lt @le}: value compared with argument. */
enum NumericComparison {
    EQ, NE, GT, GE, LT, LE;

    boolean test(long value, long argument) {
        return switch (this) {
            case EQ -> value == argument;
            case NE -> value != argument;
            case GT -> value > argument;
            case GE -> value >= argument;
            case LT -> value < argument;
            case LE -> value <= argument;
        };
    }

    /**
     * Reads an integer the way ModSecurity's {@code atoi} does: leading whitespace, an optional sign,
     * then as many decimal digits as there are; anything else (or nothing) counts as 0. Values beyond
     * the long range saturate instead of wrapping.
     */
    static long parseLeadingInteger(String text) {
        int i = 0;
        int n = text.length();
        while (i < n && isCSpace(text.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        long magnitude = 0;
        for (; i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9'; i++) {
            int digit = text.charAt(i) - '0';
            if (magnitude > (Long.MAX_VALUE - digit) / 10) {
                return negative ? Long.MIN_VALUE : Long.MAX_VALUE;
            }
            magnitude = magnitude * 10 + digit;
        }
        return negative ? -magnitude : magnitude;
    }

    private static boolean isCSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }
}
