package dev.aiguard.waf.internal.transform;

/** {@code t:base64Encode}: standard Base64 with {@code =} padding, no line breaks. */
final class Base64Encode implements Transformation {

    @Override
    public String name() {
        return "base64Encode";
    }

    @Override
    public String apply(String input) {
        byte[] in = ByteStrings.bytes(input);
        StringBuilder out = new StringBuilder((in.length + 2) / 3 * 4);
        for (int i = 0; i < in.length; i += 3) {
            int remaining = Math.min(3, in.length - i);
            int group = (in[i] & 0xff) << 16;
            if (remaining > 1) {
                group |= (in[i + 1] & 0xff) << 8;
            }
            if (remaining > 2) {
                group |= in[i + 2] & 0xff;
            }
            for (int k = 0; k < 4; k++) {
                boolean present = k <= remaining;
                out.append(present ? Base64Alphabet.DIGITS.charAt(group >> (18 - 6 * k) & 0x3f) : '=');
            }
        }
        return ByteStrings.sameIfEqual(input, out.toString());
    }
}
