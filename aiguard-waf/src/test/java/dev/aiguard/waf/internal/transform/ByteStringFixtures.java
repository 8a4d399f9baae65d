package dev.aiguard.waf.internal.transform;

import java.nio.charset.StandardCharsets;

/** Small helpers to write byte-string test data readably. */
final class ByteStringFixtures {

    private ByteStringFixtures() {
    }

    static String apply(String transformation, String input) {
        return Transformations.byName(transformation).apply(input);
    }

    /** The byte string of the UTF-8 encoding of {@code text}. */
    static String utf8(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** A byte string of the given byte values. */
    static String bytes(int... values) {
        StringBuilder out = new StringBuilder(values.length);
        for (int value : values) {
            out.append((char) (value & 0xff));
        }
        return out.toString();
    }

    /** {@code unit} repeated until the result has at least {@code length} chars. */
    static String repeatTo(String unit, int length) {
        return unit.repeat((length + unit.length() - 1) / unit.length());
    }

    static boolean isByteString(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) > 0xff) {
                return false;
            }
        }
        return true;
    }
}
