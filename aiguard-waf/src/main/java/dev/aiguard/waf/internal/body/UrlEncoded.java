package dev.aiguard.waf.internal.body;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Parses {@code application/x-www-form-urlencoded} text (query strings and bodies) the way ModSecurity fills
 * ARGS: split on the argument separator, split each part at the first {@code =} (no {@code =}: empty value),
 * then decode names and values leniently ({@code +} is a space, {@code %XX} a byte, a bad escape stays as is).
 */
public final class UrlEncoded {

    private UrlEncoded() {
    }

    /** Parses {@code text}; empty parts are skipped. Linear time. */
    public static List<Param> parse(String text, char separator) {
        List<Param> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        int start = 0;
        int n = text.length();
        while (start <= n) {
            int end = text.indexOf(separator, start);
            if (end < 0) {
                end = n;
            }
            if (end > start) {
                String part = text.substring(start, end);
                int eq = part.indexOf('=');
                String name = eq < 0 ? part : part.substring(0, eq);
                String value = eq < 0 ? "" : part.substring(eq + 1);
                out.add(new Param(decode(name), decode(value)));
            }
            start = end + 1;
        }
        return out;
    }

    /** Lenient URL decoding of a byte string. */
    public static String decode(String text) {
        return decode(text, true);
    }

    /** Lenient percent-decoding of a path: like {@link #decode(String)} but {@code +} stays {@code +}. */
    public static String percentDecode(String text) {
        return decode(text, false);
    }

    private static String decode(String text, boolean plusIsSpace) {
        if (text.indexOf('%') < 0 && (!plusIsSpace || text.indexOf('+') < 0)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '+' && plusIsSpace) {
                out.append(' ');
            } else if (c == '%' && i + 2 < n && hex(text.charAt(i + 1)) >= 0
                    && hex(text.charAt(i + 2)) >= 0) {
                out.append((char) (hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2))));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int hex(char c) {
        // HexFormat accepts ASCII digits only; Character.digit would also take full-width and other Unicode digits.
        return HexFormat.isHexDigit(c) ? HexFormat.fromHexDigit(c) : -1;
    }
}
