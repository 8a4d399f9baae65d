package dev.aiguard.waf.internal.transform;

import java.util.Arrays;

/** The Base64 digit values shared by the Base64 transformations. */
final class Base64Alphabet {

    static final String DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private static final byte[] STANDARD = table(false);
    private static final byte[] WITH_URL_SAFE = table(true);

    private Base64Alphabet() {
    }

    private static byte[] table(boolean urlSafe) {
        byte[] table = new byte[256];
        Arrays.fill(table, (byte) -1);
        for (int i = 0; i < DIGITS.length(); i++) {
            table[DIGITS.charAt(i)] = (byte) i;
        }
        if (urlSafe) {
            table['-'] = 62;
            table['_'] = 63;
        }
        return table;
    }

    /** Value of a standard Base64 digit, or -1. */
    static int value(int c) {
        return STANDARD[c & 0xff];
    }

    /** Value of a standard or URL-safe ({@code -}, {@code _}) Base64 digit, or -1. */
    static int lenientValue(int c) {
        return WITH_URL_SAFE[c & 0xff];
    }
}
