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
final class EscapeSeqDecode implements Transformation {

    @Override
    public String name() {
        return "escapeSeqDecode";
    }

    @Override
    public String apply(String input) {
        if (input.indexOf('\\') < 0) {
            return input;
        }
        byte[] in = ByteStrings.bytes(input);
        byte[] out = new byte[in.length];
        int length = 0;
        int i = 0;
        while (i < in.length) {
            if (in[i] != '\\' || i + 1 >= in.length) {
                out[length++] = in[i++];
                continue;
            }
            int next = in[i + 1] & 0xff;
            if ((next == 'x' || next == 'X') && isHexAt(in, i + 2) && isHexAt(in, i + 3)) {
                out[length++] = (byte) hexPair(in[i + 2], in[i + 3]);
                i += 4;
            } else if (isOctal(next)) {
                int digits = ByteStrings.octalRun(in, i + 1, 3);
                out[length++] = (byte) ByteStrings.octalValue(in, i + 1, digits);
                i += 1 + digits;
            } else {
                // \a \b \f \n \r \t \v map to controls; \\ \? \' \" and unknown escapes to the byte.
                out[length++] = (byte) JsDecode.controlEscape(next);
                i += 2;
            }
        }
        return ByteStrings.result(input, in, out, length);
    }
}
