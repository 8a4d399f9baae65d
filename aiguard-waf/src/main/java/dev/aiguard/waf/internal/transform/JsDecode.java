package dev.aiguard.waf.internal.transform;

import static dev.aiguard.waf.internal.transform.ByteStrings.hexPair;
import static dev.aiguard.waf.internal.transform.ByteStrings.isHexAt;
import static dev.aiguard.waf.internal.transform.ByteStrings.isOctal;

/**
 * {@code t:jsDecode}: JavaScript escapes, each to one byte.
 * <ul>
 * <li>{@code \}{@code uHHHH}: the low byte of the code point, except full-width ASCII
 * (U+FF01..U+FF5E) which becomes its ASCII twin;</li>
 * <li>{@code \xHH}: the byte (lower-case {@code x} and {@code u} only, as in JavaScript);</li>
 * <li>{@code \OOO}: one to three octal digits; three digits only when the first is 0-3, so the value
 * fits one byte ({@code \477} is {@code \47} followed by {@code 7});</li>
 * <li>{@code \a \b \f \n \r \t \v}: the control character; any other escaped byte (also a malformed
 * {@code \x} or {@code \}{@code u}) is itself, the backslash dropped;</li>
 * <li>a lone backslash at the end stays.</li>
 * </ul>
 */
final class JsDecode extends BackslashEscapeDecoder {

    @Override
    public String name() {
        return "jsDecode";
    }

    @Override
    int decodeEscape(byte[] in, int i, Output out) {
        if (i + 1 >= in.length) {
            return out.copy(in, i);
        }
        int next = in[i + 1] & 0xff;
        if (next == 'u' && isHexAt(in, i + 2) && isHexAt(in, i + 3) && isHexAt(in, i + 4)
                && isHexAt(in, i + 5)) {
            int codePoint = hexPair(in[i + 2], in[i + 3]) << 8 | hexPair(in[i + 4], in[i + 5]);
            out.put(UnicodeMap.none().toByte(codePoint));
            return i + 6;
        }
        if (next == 'x' && isHexAt(in, i + 2) && isHexAt(in, i + 3)) {
            out.put(hexPair(in[i + 2], in[i + 3]));
            return i + 4;
        }
        if (isOctal(next)) {
            int digits = ByteStrings.octalRun(in, i + 1, 3);
            if (digits == 3 && next > '3') {
                digits = 2;
            }
            out.put(ByteStrings.octalValue(in, i + 1, digits));
            return i + 1 + digits;
        }
        out.put(controlEscape(next));
        return i + 2;
    }

    /** The character for {@code \c} in C/JavaScript, or {@code c} itself. */
    static int controlEscape(int c) {
        return switch (c) {
            case 'a' -> 0x07;
            case 'b' -> 0x08;
            case 'f' -> 0x0c;
            case 'n' -> 0x0a;
            case 'r' -> 0x0d;
            case 't' -> 0x09;
            case 'v' -> 0x0b;
            default -> c;
        };
    }
}
