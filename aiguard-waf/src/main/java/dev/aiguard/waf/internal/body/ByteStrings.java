package dev.aiguard.waf.internal.body;

import java.nio.charset.StandardCharsets;

/** Conversions between decoded text and byte strings (one char per byte, ISO-8859-1 view). */
public final class ByteStrings {

    private ByteStrings() {
    }

    /** The UTF-8 bytes of decoded text, as a byte string. */
    public static String fromText(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7f) {
                return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
            }
        }
        return text;
    }
}
