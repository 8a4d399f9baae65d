package dev.aiguard.waf.internal.regex;

/**
 * A byte-string input as java.util.regex reads it, with a step budget. Every {@link #charAt} is one
 * step; a backtracking matcher inspects a char for every step it takes, so once the budget is spent
 * the next read throws {@link Exhausted} and the match is abandoned. Chars above 0xFF read as
 * {@code '?'}, as in every engine (see {@link ByteText}). One instance serves one match on one thread.
 */
final class StepBudgetText implements CharSequence {

    private final String input;
    private long remaining;

    /**
     * @param input the byte string
     * @param steps how many char reads the match may make
     */
    StepBudgetText(String input, long steps) {
        this.input = input;
        this.remaining = steps;
    }

    /** Char reads left of the budget. */
    long remaining() {
        return remaining;
    }

    @Override
    public int length() {
        return input.length();
    }

    @Override
    public char charAt(int index) {
        if (--remaining < 0) {
            throw new Exhausted();
        }
        return (char) ByteText.byteAt(input, index);
    }

    /** Not counted: java.util.regex only calls this to hand out group text, which callers take from the input. */
    @Override
    public CharSequence subSequence(int start, int end) {
        return mapped(start, end);
    }

    @Override
    public String toString() {
        return mapped(0, input.length());
    }

    private String mapped(int start, int end) {
        StringBuilder out = new StringBuilder(end - start);
        for (int i = start; i < end; i++) {
            out.append((char) ByteText.byteAt(input, i));
        }
        return out.toString();
    }

    /**
     * Thrown from {@link #charAt} when the budget is spent. Unchecked so it passes through
     * java.util.regex; it carries no stack trace, which would be as deep as the backtracking.
     */
    static final class Exhausted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Exhausted() {
            super("regex step budget exhausted", null, false, false);
        }
    }
}
