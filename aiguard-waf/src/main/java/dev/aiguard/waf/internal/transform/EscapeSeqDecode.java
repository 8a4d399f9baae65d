package dev.aiguard.waf.internal.transform;

import static dev.aiguard.waf.internal.transform.ByteStrings.hexPair;
import static dev.aiguard.waf.internal.transform.ByteStrings.isHexAt;
import static dev.aiguard.waf.internal.transform.ByteStrings.isOctal;

/**
 * {@code t:escapeSeqDecode}: ANSI C escapes {@code \a \b \f \n \r \t \v \\ \? \' \"}, {@code \xHH}
 * (either case of {@code x}) and {@code \OOO} (one to three octal digits, value truncated to a
 * byte, so {@code \666} is 0xB6). For any other escape, including a malformed {@code \x}, the
 * backslash is dropped and the next byte kept; a backslash at the very end stays.
 */
final class EscapeSeqDecode extends BackslashEscapeDecoder {

    @Override
    public String name() {
        return "escapeSeqDecode";
    }

    @Override
    int decodeEscape(byte[] in, int i, Output out) {
        if (i + 1 >= in.length) {
            return out.copy(in, i);
        }
        int next = in[i + 1] & 0xff;
        if ((next == 'x' || next == 'X') && isHexAt(in, i + 2) && isHexAt(in, i + 3)) {
            out.put(hexPair(in[i + 2], in[i + 3]));
            return i + 4;
        }
        if (isOctal(next)) {
            int digits = ByteStrings.octalRun(in, i + 1, 3);
            out.put(ByteStrings.octalValue(in, i + 1, digits));
            return i + 1 + digits;
        }
        // \a \b \f \n \r \t \v map to controls; \\ \? \' \" and unknown escapes to the byte.
        out.put(JsDecode.controlEscape(next));
        return i + 2;
    }
}
