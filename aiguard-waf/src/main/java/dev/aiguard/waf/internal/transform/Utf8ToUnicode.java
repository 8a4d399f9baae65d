package dev.aiguard.waf.internal.transform;

/**
 * {@code t:utf8toUnicode}: every well-formed multi-byte UTF-8 sequence becomes {@code %uXXXX}
 * (lower-case hex, at least four digits: {@code %u00e9}, {@code %u20ac}, {@code %u1f600}).
 *
 * <p>libmodsecurity 3.0.x has quirks that change what rules see, reproduced here on purpose:
 * <ul>
 * <li>a lead byte (0xC0-0xF7) whose continuation bytes are missing or wrong is <em>dropped</em>;
 * the bytes after it are then looked at on their own (a stray continuation byte 0x80-0xBF, or a
 * byte 0xF8-0xFF, is kept as it is);</li>
 * <li>after an over-long sequence (e.g. C0 AF for '/') or a surrogate (U+D800..U+DFFF) the lead byte
 * is appended once more after the {@code %u} form (twice for an over-long surrogate);</li>
 * <li>a four-byte lead byte 0xF5-0xF7 (beyond U+10FFFF) is written out before the rest is
 * decoded;</li>
 * <li>NUL bytes are removed (the C code treats the value as a NUL-terminated string).</li>
 * </ul>
 */
final class Utf8ToUnicode implements Transformation {

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    @Override
    public String name() {
        return "utf8toUnicode";
    }

    @Override
    public String apply(String input) {
        if (isPlainAscii(input)) {
            return input;
        }
        byte[] in = ByteStrings.bytes(input);
        // Worst case per input byte: a 2-byte over-long sequence gives "%u00xx" plus the lead byte.
        byte[] out = new byte[in.length * 4 + 8];
        int length = 0;
        int i = 0;
        while (i < in.length) {
            int c = in[i] & 0xff;
            int size = sequenceLength(c);
            if (size == 1) {
                if (c != 0) {
                    out[length++] = (byte) c;
                }
                i++;
                continue;
            }
            if (size == 4 && c >= 0xf5) {
                out[length++] = (byte) c;
            }
            if (!continuationsPresent(in, i, size)) {
                i++; // the lead byte is dropped
                continue;
            }
            int codePoint = decode(in, i, size);
            length = writeEscape(out, length, codePoint);
            // Two independent checks: an over-long four-byte surrogate gets the lead byte twice.
            if (isSurrogate(codePoint)) {
                out[length++] = (byte) c;
            }
            if (isOverlong(codePoint, size)) {
                out[length++] = (byte) c;
            }
            i += size;
        }
        return ByteStrings.sameIfEqual(input, ByteStrings.string(out, length));
    }

    private static boolean isPlainAscii(String input) {
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (c == 0 || c >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** 1 for bytes copied as they are (ASCII, continuation bytes, 0xF8-0xFF), else 2-4. */
    private static int sequenceLength(int lead) {
        if ((lead & 0xe0) == 0xc0) {
            return 2;
        }
        if ((lead & 0xf0) == 0xe0) {
            return 3;
        }
        if ((lead & 0xf8) == 0xf0) {
            return 4;
        }
        return 1;
    }

    private static boolean continuationsPresent(byte[] in, int start, int size) {
        if (start + size > in.length) {
            return false;
        }
        for (int k = 1; k < size; k++) {
            if ((in[start + k] & 0xc0) != 0x80) {
                return false;
            }
        }
        return true;
    }

    private static int decode(byte[] in, int start, int size) {
        int leadBits = in[start] & (size == 2 ? 0x1f : size == 3 ? 0x0f : 0x07);
        int codePoint = leadBits;
        for (int k = 1; k < size; k++) {
            codePoint = codePoint << 6 | (in[start + k] & 0x3f);
        }
        return codePoint;
    }

    private static boolean isSurrogate(int codePoint) {
        return codePoint >= 0xd800 && codePoint <= 0xdfff;
    }

    private static boolean isOverlong(int codePoint, int size) {
        return switch (size) {
            case 2 -> codePoint < 0x80;
            case 3 -> codePoint < 0x800;
            default -> codePoint < 0x10000;
        };
    }

    /** Writes {@code %u} and the code point in lower-case hex, zero-padded to four digits. */
    private static int writeEscape(byte[] out, int length, int codePoint) {
        out[length++] = '%';
        out[length++] = 'u';
        int digits = Math.max(4, (32 - Integer.numberOfLeadingZeros(codePoint) + 3) / 4);
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            out[length++] = HEX[(codePoint >>> shift) & 0xf];
        }
        return length;
    }
}
