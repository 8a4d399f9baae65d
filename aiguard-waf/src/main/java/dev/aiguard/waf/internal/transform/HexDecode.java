package dev.aiguard.waf.internal.transform;

/**
 * {@code t:hexDecode}: every two bytes become one; an odd last byte is dropped. Like libmodsecurity
 * 3 it does not validate: a non-hex pair is converted with the same arithmetic
 * ({@code digit = c >= 'A' ? (c & 0xDF) - 'A' + 10 : c - '0'}, modulo 256), so results for invalid
 * input are defined but meaningless.
 */
final class HexDecode implements Transformation {

    @Override
    public String name() {
        return "hexDecode";
    }

    @Override
    public String apply(String input) {
        byte[] in = ByteStrings.bytes(input);
        byte[] out = new byte[in.length / 2];
        for (int i = 0; i + 1 < in.length; i += 2) {
            out[i / 2] = (byte) (digit(in[i]) * 16 + digit(in[i + 1]));
        }
        return ByteStrings.sameIfEqual(input, ByteStrings.string(out, out.length));
    }

    private static int digit(byte b) {
        int c = b & 0xff;
        return c >= 'A' ? (c & 0xdf) - 'A' + 10 : c - '0';
    }
}
