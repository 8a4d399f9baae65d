package dev.aiguard.waf.internal.transform;

import static dev.aiguard.waf.internal.transform.ByteStrings.isAlnum;
import static dev.aiguard.waf.internal.transform.ByteStrings.isDigit;
import static dev.aiguard.waf.internal.transform.ByteStrings.isHex;

import java.nio.charset.StandardCharsets;

/**
 * {@code t:htmlEntityDecode}, as libmodsecurity 3.0.x does it:
 * <ul>
 * <li>{@code &#xHH..;} / {@code &#XHH..;} and {@code &#DDD..;}, with or without the {@code ;}: the low
 * byte of the number (a number too large for a C {@code long} saturates, giving 0xFF);</li>
 * <li>the named entities {@code quot amp lt gt nbsp} (case-insensitive, with or without {@code ;};
 * the name ends at the first non-alphanumeric byte, so {@code &ltx} is not decoded); {@code nbsp}
 * becomes byte 0xA0;</li>
 * <li>anything else is copied unchanged.</li>
 * </ul>
 * Newer ModSecurity v2 releases know more named entities; 3.0.9, the reference engine, does not.
 */
final class HtmlEntityDecode implements Transformation {

    @Override
    public String name() {
        return "htmlEntityDecode";
    }

    @Override
    public String apply(String input) {
        if (input.indexOf('&') < 0) {
            return input;
        }
        byte[] in = ByteStrings.bytes(input);
        byte[] out = new byte[in.length];
        Cursor cursor = new Cursor();
        while (cursor.in < in.length) {
            if (in[cursor.in] == '&' && cursor.in + 1 < in.length) {
                entity(in, out, cursor);
            } else {
                out[cursor.out++] = in[cursor.in++];
            }
        }
        return ByteStrings.result(input, in, out, cursor.out);
    }

    /** Read and write positions; one per call, so the transformation stays stateless. */
    private static final class Cursor {
        int in;
        int out;

        void copy(byte[] from, byte[] to, int count) {
            int end = Math.min(from.length, in + count);
            while (in < end) {
                to[out++] = from[in++];
            }
        }

        void emit(byte[] from, byte[] to, int value, int end) {
            to[out++] = (byte) value;
            in = end < from.length && from[end] == ';' ? end + 1 : end;
        }
    }

    /** At an {@code &} with at least one byte after it. */
    private static void entity(byte[] in, byte[] out, Cursor cursor) {
        int k = cursor.in + 1;
        if (in[k] != '#') {
            named(in, out, cursor, k);
            return;
        }
        if (k + 1 >= in.length) {
            cursor.copy(in, out, 2);
            return;
        }
        k++;
        boolean hex = in[k] == 'x' || in[k] == 'X';
        if (hex && k + 1 >= in.length) {
            cursor.copy(in, out, 3);
            return;
        }
        int start = hex ? k + 1 : k;
        int end = start;
        while (end < in.length && (hex ? isHex(in[end]) : isDigit(in[end]))) {
            end++;
        }
        if (end == start) {
            cursor.copy(in, out, hex ? 3 : 2);
            return;
        }
        cursor.emit(in, out, lowByteOf(in, start, end, hex ? 16 : 10), end);
    }

    private static void named(byte[] in, byte[] out, Cursor cursor, int start) {
        int end = start;
        while (end < in.length && isAlnum(in[end])) {
            end++;
        }
        if (end == start) {
            cursor.copy(in, out, 1);
            return;
        }
        int value = namedValue(in, start, end);
        if (value < 0) {
            cursor.copy(in, out, end - start + 1);
        } else {
            cursor.emit(in, out, value, end);
        }
    }

    private static int namedValue(byte[] in, int start, int end) {
        if (end - start > 4) {
            return -1; // longer than any known name
        }
        String name = new String(in, start, end - start, StandardCharsets.ISO_8859_1);
        if (name.equalsIgnoreCase("quot")) {
            return '"';
        } else if (name.equalsIgnoreCase("amp")) {
            return '&';
        } else if (name.equalsIgnoreCase("lt")) {
            return '<';
        } else if (name.equalsIgnoreCase("gt")) {
            return '>';
        } else if (name.equalsIgnoreCase("nbsp")) {
            return 0xa0;
        }
        return -1;
    }

    /** Low byte of the number in {@code in[start..end)}; like C {@code strtol}, saturates at LONG_MAX. */
    private static int lowByteOf(byte[] in, int start, int end, int radix) {
        long value = 0;
        for (int i = start; i < end; i++) {
            int digit = ByteStrings.hexValue(in[i]);
            if (value > (Long.MAX_VALUE - digit) / radix) {
                return 0xff;
            }
            value = value * radix + digit;
        }
        return (int) (value & 0xff);
    }
}
