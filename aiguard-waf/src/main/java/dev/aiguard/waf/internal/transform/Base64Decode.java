package dev.aiguard.waf.internal.transform;

/**
 * {@code t:base64Decode}, as libmodsecurity 3.0.x does it (it delegates to mbed TLS's strict
 * decoder):
 * <ul>
 * <li>the value ends at its first NUL byte (it is handled as a C string);</li>
 * <li>the input must be valid Base64 throughout, else the result is the <em>empty string</em>;
 * valid means: standard alphabet, at most two {@code =} and nothing but {@code =} after the first
 * one, spaces only right before a line end or at the very end, line ends {@code \n} or
 * {@code \r\n};</li>
 * <li>missing padding is accepted, but a final incomplete group of fewer than four digits is
 * dropped ({@code VGVzdA} decodes to {@code Tes}).</li>
 * </ul>
 * ModSecurity v2 decoded up to the first invalid character instead; the CRS regression tests were
 * recorded against v3.
 */
final class Base64Decode implements Transformation {

    @Override
    public String name() {
        return "base64Decode";
    }

    @Override
    public String apply(String input) {
        int nul = input.indexOf('\0');
        byte[] in = ByteStrings.bytes(nul < 0 ? input : input.substring(0, nul));
        if (!isValid(in)) {
            return ByteStrings.sameIfEqual(input, "");
        }
        byte[] out = new byte[in.length / 4 * 3];
        int length = 0;
        int group = 0;
        int digits = 0;
        int padding = 0;
        for (byte b : in) {
            if (b == '\r' || b == '\n' || b == ' ') {
                continue;
            }
            group <<= 6;
            if (b == '=') {
                padding++;
            } else {
                group |= Base64Alphabet.value(b);
            }
            if (++digits == 4) {
                out[length++] = (byte) (group >> 16);
                if (padding <= 1) {
                    out[length++] = (byte) (group >> 8);
                }
                if (padding == 0) {
                    out[length++] = (byte) group;
                }
                digits = 0;
                group = 0;
            }
        }
        return ByteStrings.sameIfEqual(input, ByteStrings.string(out, length));
    }

    private static boolean isValid(byte[] in) {
        int equals = 0;
        int i = 0;
        while (i < in.length) {
            boolean spaces = false;
            while (i < in.length && in[i] == ' ') {
                i++;
                spaces = true;
            }
            if (i == in.length) {
                return true;
            }
            if (in[i] == '\n' || (in[i] == '\r' && i + 1 < in.length && in[i + 1] == '\n')) {
                i += in[i] == '\r' ? 2 : 1;
                continue;
            }
            if (spaces) {
                return false;
            }
            if (in[i] == '=') {
                if (++equals > 2) {
                    return false;
                }
            } else if (equals != 0 || Base64Alphabet.value(in[i]) < 0) {
                return false;
            }
            i++;
        }
        return true;
    }
}
