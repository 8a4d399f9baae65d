package dev.aiguard.waf.internal.regex;

/**
 * How engines see a byte-string input. A char above 0xFF is not a byte; like
 * {@code String.getBytes(ISO_8859_1)}, every engine sees it as {@code '?'} (0x3F).
 */
final class ByteText {

    private static final char NOT_A_BYTE = '?';

    private ByteText() {
    }

    /** The byte the engines see for one input char. */
    static int byteAt(String input, int index) {
        char c = input.charAt(index);
        return c <= 0xFF ? c : NOT_A_BYTE;
    }

    /**
     * The input as RE2J must see it: ASCII unchanged, bytes 0x80-0xFF moved to the private-use block
     * (see {@link PatternRewriter}). Returns the input itself when it is all ASCII (the common case),
     * so this costs one scan and no copy. Indices are preserved one to one.
     */
    static String forRe2j(String input) {
        int i = 0;
        int n = input.length();
        while (i < n && input.charAt(i) < 0x80) {
            i++;
        }
        if (i == n) {
            return input;
        }
        char[] mapped = input.toCharArray();
        for (; i < n; i++) {
            int b = byteAt(input, i);
            mapped[i] = (char) (b < 0x80 ? b : PatternRewriter.HIGH_BYTE_BASE + b);
        }
        return new String(mapped);
    }
}
