package dev.aiguard.waf.internal.seclang;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks rule ids and id ranges written in exclusion and update directives: {@code 942100} or
 * {@code 942100-942199}, decimal digits only, start not after end. Values are kept as strings
 * (the compiler turns them into numbers); validating here gives errors with the right location.
 */
final class RuleIds {
    /** Longer ids cannot be rule ids (ModSecurity ids are positive 32-bit numbers); the cap also bounds parsing. */
    private static final int MAX_DIGITS = 10;
    private static final String RANGE_ERROR = "invalid rule id or range ";

    private RuleIds() {
    }

    /** Splits {@code arg} at blanks and commas and checks every piece is an id or a range. */
    static List<String> idsAndRanges(String arg) {
        List<String> values = new ArrayList<>();
        int i = 0;
        while (i < arg.length()) {
            while (i < arg.length() && isSeparator(arg.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < arg.length() && !isSeparator(arg.charAt(i))) {
                i++;
            }
            if (i > start) {
                values.add(idOrRange(arg.substring(start, i)));
            }
        }
        return values;
    }

    /** Checks that {@code value} is one id or one range and returns it. */
    static String idOrRange(String value) {
        int dash = value.indexOf('-');
        if (dash < 0) {
            number(value, value, RANGE_ERROR);
            return value;
        }
        long from = number(value.substring(0, dash), value, RANGE_ERROR);
        long to = number(value.substring(dash + 1), value, RANGE_ERROR);
        if (from > to) {
            throw new SyntaxError("rule id range " + Excerpt.quoted(value) + " starts after it ends");
        }
        return value;
    }

    /** Checks that {@code value} is one id and returns it. */
    static String id(String value) {
        number(value, value, "invalid rule id ");
        return value;
    }

    private static long number(String digits, String whole, String error) {
        if (digits.isEmpty() || digits.length() > MAX_DIGITS) {
            throw new SyntaxError(error + Excerpt.quoted(whole));
        }
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                throw new SyntaxError(error + Excerpt.quoted(whole));
            }
        }
        return Long.parseLong(digits);
    }

    private static boolean isSeparator(char c) {
        return c == ',' || LineJoiner.isBlank(c);
    }
}
