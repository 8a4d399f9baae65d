package dev.aiguard.waf.internal.transform;

/**
 * {@code t:base64DecodeExt}: forgiving Base64 decoding. Bytes outside the alphabet (standard and
 * URL-safe {@code - _}) are skipped, so are {@code =} signs; decoding stops at a NUL byte; a final
 * partial group yields only its complete bytes. One case still fails as ModSecurity's does: an
 * {@code =} not followed by another {@code =} right after a group's first digit (a digit count of
 * 4n+1, which cannot encode a byte) makes the whole result empty.
 */
final class Base64DecodeExt implements Transformation {

    @Override
    public String name() {
        return "base64DecodeExt";
    }

    @Override
    public String apply(String input) {
        byte[] in = ByteStrings.bytes(input);
        byte[] out = new byte[in.length / 4 * 3 + 3];
        int length = 0;
        int digits = 0;
        int pending = 0;
        for (int i = 0; i < in.length && in[i] != 0; i++) {
            if (in[i] == '=') {
                boolean nextIsPad = i + 1 < in.length && in[i + 1] == '=';
                if (!nextIsPad && digits % 4 == 1) {
                    return ByteStrings.sameIfEqual(input, "");
                }
                continue;
            }
            int value = Base64Alphabet.lenientValue(in[i]);
            if (value < 0) {
                continue;
            }
            switch (digits % 4) {
                case 0 -> pending = value << 2;
                case 1 -> {
                    out[length++] = (byte) (pending | value >> 4);
                    pending = (value & 0x0f) << 4;
                }
                case 2 -> {
                    out[length++] = (byte) (pending | value >> 2);
                    pending = (value & 0x03) << 6;
                }
                default -> out[length++] = (byte) (pending | value);
            }
            digits++;
        }
        return ByteStrings.sameIfEqual(input, ByteStrings.string(out, length));
    }
}
