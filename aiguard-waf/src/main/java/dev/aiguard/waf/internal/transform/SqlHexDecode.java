package dev.aiguard.waf.internal.transform;

import static dev.aiguard.waf.internal.transform.ByteStrings.hexPair;
import static dev.aiguard.waf.internal.transform.ByteStrings.isHexAt;

/**
 * {@code t:sqlHexDecode}: SQL hex literals {@code 0xHHHH...} (either case of {@code x}) become their
 * bytes. Decoding takes digit pairs while both are hex; an odd last digit stays as text. A
 * {@code 0x} without at least one pair after it is kept.
 */
final class SqlHexDecode implements Transformation {

    @Override
    public String name() {
        return "sqlHexDecode";
    }

    @Override
    public String apply(String input) {
        if (input.indexOf('x') < 0 && input.indexOf('X') < 0) {
            return input;
        }
        byte[] in = ByteStrings.bytes(input);
        byte[] out = new byte[in.length];
        int length = 0;
        int i = 0;
        while (i < in.length) {
            if (startsLiteral(in, i)) {
                i += 2;
                while (isHexAt(in, i) && isHexAt(in, i + 1)) {
                    out[length++] = (byte) hexPair(in[i], in[i + 1]);
                    i += 2;
                }
            } else {
                out[length++] = in[i++];
            }
        }
        return ByteStrings.result(input, in, out, length);
    }

    private static boolean startsLiteral(byte[] in, int i) {
        return in[i] == '0' && i + 1 < in.length && (in[i + 1] == 'x' || in[i + 1] == 'X')
                && isHexAt(in, i + 2) && isHexAt(in, i + 3);
    }
}
