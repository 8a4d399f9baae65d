package dev.aiguard.waf.internal.transform;

import static dev.aiguard.waf.internal.transform.ByteStrings.hexValue;
import static dev.aiguard.waf.internal.transform.ByteStrings.isHexAt;

/**
 * {@code t:cssDecode}: CSS 2.x escapes.
 * <ul>
 * <li>{@code \} + 1 to 6 hex digits: one byte, taken from the last two digits (one digit: its value);
 * with 4 digits, or 5-6 digits whose leading one/two are 0, full-width ASCII {@code FF01..FF5E}
 * becomes its ASCII twin. One whitespace byte right after the digits is consumed.</li>
 * <li>{@code \} + newline: both removed (line continuation).</li>
 * <li>{@code \} + any other byte: that byte. A backslash at the end is removed.</li>
 * </ul>
 */
final class CssDecode extends BackslashEscapeDecoder {

    @Override
    public String name() {
        return "cssDecode";
    }

    @Override
    int decodeEscape(byte[] in, int backslash, Output out) {
        int i = backslash + 1; // the backslash itself is never copied
        if (i >= in.length) {
            return i;
        }
        int digits = 0;
        while (digits < 6 && isHexAt(in, i + digits)) {
            digits++;
        }
        if (digits > 0) {
            out.put(escapedByte(in, i, digits));
            i += digits;
            return i < in.length && ByteStrings.isSpace(in[i]) ? i + 1 : i;
        }
        return in[i] == '\n' ? i + 1 : out.copy(in, i);
    }

    private static int escapedByte(byte[] in, int start, int digits) {
        if (digits == 1) {
            return hexValue(in[start]);
        }
        int end = start + digits;
        int value = hexValue(in[end - 2]) << 4 | hexValue(in[end - 1]);
        boolean fullWidthCheck = digits == 4
                || (digits == 5 && in[start] == '0')
                || (digits == 6 && in[start] == '0' && in[start + 1] == '0');
        if (fullWidthCheck && value > 0x00 && value < 0x5f && isF(in[end - 3]) && isF(in[end - 4])) {
            value += 0x20;
        }
        return value;
    }

    private static boolean isF(byte c) {
        return c == 'f' || c == 'F';
    }
}
