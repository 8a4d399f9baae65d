package dev.aiguard.waf.internal.operator;

/**
 * {@code @validateByteRange}: matches when the value holds a byte outside the allowed set, written as
 * comma-separated bytes and inclusive ranges ({@code 1-255}, {@code 9,10,13,32-126,128-255}). A char
 * above 0xFF is not a byte and is always outside.
 */
final class ByteRangeOperator implements Operator {

    private final boolean[] allowed;

    private ByteRangeOperator(boolean[] allowed) {
        this.allowed = allowed;
    }

    /** @throws IllegalArgumentException for an empty list, a number outside 0-255 or a reversed range */
    static ByteRangeOperator parse(String argument) {
        boolean[] allowed = new boolean[256];
        boolean any = false;
        for (String item : argument.split(",")) {
            String s = item.strip();
            if (s.isEmpty()) {
                continue;
            }
            int dash = s.indexOf('-', 1);
            int from = parseByte(dash < 0 ? s : s.substring(0, dash), argument);
            int to = dash < 0 ? from : parseByte(s.substring(dash + 1), argument);
            if (to < from) {
                throw new IllegalArgumentException("@validateByteRange: reversed range '" + s + "' in '" + argument + "'");
            }
            for (int b = from; b <= to; b++) {
                allowed[b] = true;
            }
            any = true;
        }
        if (!any) {
            throw new IllegalArgumentException("@validateByteRange needs at least one byte or range");
        }
        return new ByteRangeOperator(allowed);
    }

    private static int parseByte(String text, String argument) {
        String s = text.strip();
        if (!s.matches("\\d{1,3}") || Integer.parseInt(s) > 255) {
            throw new IllegalArgumentException("@validateByteRange: '" + s + "' is not a byte value 0-255 in '"
                    + argument + "'");
        }
        return Integer.parseInt(s);
    }

    @Override
    public boolean evaluate(String value, OperatorContext context) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0xFF || !allowed[c]) {
                return true;
            }
        }
        return false;
    }
}
