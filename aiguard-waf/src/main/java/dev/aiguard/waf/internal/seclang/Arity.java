package dev.aiguard.waf.internal.seclang;

import java.util.List;

/**
 * How many arguments a directive takes, and the error when the count is wrong.
 *
 * @param min fewest arguments
 * @param max most arguments, {@link Integer#MAX_VALUE} for "no limit"
 */
record Arity(int min, int max) {
    static final int UNLIMITED = Integer.MAX_VALUE;

    static Arity exactly(int n) {
        return new Arity(n, n);
    }

    /** Throws when {@code args} does not fit, naming the directive and the first extra argument. */
    void check(String directive, List<String> args) {
        int n = args.size();
        if (n < min) {
            throw new SyntaxError(directive + " takes " + describe() + ", got " + n);
        }
        if (n > max) {
            throw new SyntaxError(directive + " takes " + describe() + ", got " + n
                    + ": unexpected " + Excerpt.quoted(args.get(max)));
        }
    }

    private String describe() {
        if (max == UNLIMITED) {
            return "at least " + plural(min);
        }
        if (min == max) {
            return plural(min);
        }
        return max == min + 1 ? min + " or " + plural(max) : min + " to " + plural(max);
    }

    private static String plural(int n) {
        return n + (n == 1 ? " argument" : " arguments");
    }
}
