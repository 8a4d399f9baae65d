package dev.aiguard.waf.internal.transform;

import static dev.aiguard.waf.internal.transform.ByteStrings.hexPair;
import static dev.aiguard.waf.internal.transform.ByteStrings.isHexAt;

/**
 * {@code t:urlDecode} and {@code t:urlDecodeUni}: {@code %XX} becomes the byte, {@code +} a space,
 * and an invalid or truncated {@code %} sequence is kept as it is. {@code urlDecodeUni} also decodes
 * IIS-style {@code %uXXXX} (either case of {@code u}) to one byte through a {@link UnicodeMap}; an
 * invalid {@code %u} keeps both characters and decoding resumes after them.
 */
final class UrlDecode implements Transformation {

    private final String name;
    private final UnicodeMap unicodeMap;

    private UrlDecode(String name, UnicodeMap unicodeMap) {
        this.name = name;
        this.unicodeMap = unicodeMap;
    }

    static UrlDecode standard() {
        return new UrlDecode("urlDecode", null);
    }

    static UrlDecode unicode(UnicodeMap unicodeMap) {
        return new UrlDecode("urlDecodeUni", unicodeMap);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String apply(String input) {
        if (input.indexOf('%') < 0 && input.indexOf('+') < 0) {
            return input;
        }
        byte[] in = ByteStrings.bytes(input);
        byte[] out = new byte[in.length];
        int length = 0;
        int i = 0;
        while (i < in.length) {
            int c = in[i] & 0xff;
            if (c == '+') {
                out[length++] = ' ';
                i++;
            } else if (c != '%') {
                out[length++] = (byte) c;
                i++;
            } else if (unicodeMap != null && i + 1 < in.length && (in[i + 1] == 'u' || in[i + 1] == 'U')) {
                if (isHexAt(in, i + 2) && isHexAt(in, i + 3) && isHexAt(in, i + 4) && isHexAt(in, i + 5)) {
                    int codePoint = hexPair(in[i + 2], in[i + 3]) << 8 | hexPair(in[i + 4], in[i + 5]);
                    out[length++] = (byte) unicodeMap.toByte(codePoint);
                    i += 6;
                } else {
                    out[length++] = in[i++];
                    out[length++] = in[i++];
                }
            } else if (isHexAt(in, i + 1) && isHexAt(in, i + 2)) {
                out[length++] = (byte) hexPair(in[i + 1], in[i + 2]);
                i += 3;
            } else {
                out[length++] = in[i++];
            }
        }
        return ByteStrings.result(input, in, out, length);
    }
}
