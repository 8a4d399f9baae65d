package dev.aiguard.waf.internal.operator;

/**
 * {@code @validateUtf8Encoding}: matches when the value's bytes are not well-formed UTF-8 (RFC 3629):
 * truncated sequences, stray continuation bytes, overlong forms, surrogates (U+D800-U+DFFF), code points
 * above U+10FFFF, and the bytes 0xC0, 0xC1, 0xF5-0xFF. A char above 0xFF is not a byte: invalid.
 */
final class Utf8EncodingValidator implements Operator {

    @Override
    public boolean evaluate(String value, OperatorContext context) {
        int i = 0;
        int n = value.length();
        while (i < n) {
            int length = sequenceLength(value, i);
            if (length <= 0) {
                return true;
            }
            i += length;
        }
        return false;
    }

    /** Length of the well-formed sequence starting at {@code i}, or 0 when it is malformed. */
    private static int sequenceLength(String s, int i) {
        int b0 = s.charAt(i);
        if (b0 < 0x80) {
            return 1;
        }
        int length;
        int min2;
        int max2;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            length = 2;
            min2 = 0x80;
            max2 = 0xBF;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            length = 3;
            min2 = b0 == 0xE0 ? 0xA0 : 0x80;
            max2 = b0 == 0xED ? 0x9F : 0xBF;
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            length = 4;
            min2 = b0 == 0xF0 ? 0x90 : 0x80;
            max2 = b0 == 0xF4 ? 0x8F : 0xBF;
        } else {
            return 0;
        }
        if (i + length > s.length()) {
            return 0;
        }
        int b1 = s.charAt(i + 1);
        if (b1 < min2 || b1 > max2) {
            return 0;
        }
        for (int k = 2; k < length; k++) {
            int b = s.charAt(i + k);
            if (b < 0x80 || b > 0xBF) {
                return 0;
            }
        }
        return length;
    }
}
