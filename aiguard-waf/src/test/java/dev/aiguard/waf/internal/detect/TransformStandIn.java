package dev.aiguard.waf.internal.detect;

import java.util.function.UnaryOperator;

/**
 * Test-only approximation of the ModSecurity transformations that CRS applies before
 * {@code @detectSQLi} (942100/942101) and {@code @detectXSS} (941100/941101). The real
 * transformations live in the transform package (another work stream); this stand-in lets the
 * detector tests see values the way the rules do without depending on it.
 */
final class TransformStandIn {

    /** {@code t:utf8toUnicode,t:urlDecodeUni,t:removeNulls}. */
    static final UnaryOperator<String> SQLI_CHAIN =
            v -> removeNulls(urlDecodeUni(utf8ToUnicode(v)));

    /** {@code t:utf8toUnicode,t:urlDecodeUni,t:htmlEntityDecode,t:jsDecode,t:cssDecode,t:removeNulls}. */
    static final UnaryOperator<String> XSS_CHAIN =
            v -> removeNulls(cssDecode(jsDecode(htmlEntityDecode(urlDecodeUni(utf8ToUnicode(v))))));

    private TransformStandIn() {
    }

    /** Replaces each well-formed UTF-8 multi-byte sequence by {@code %uHHHH}. */
    static String utf8ToUnicode(String in) {
        StringBuilder out = new StringBuilder(in.length());
        int i = 0;
        while (i < in.length()) {
            int c = in.charAt(i);
            int len = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 && c < 0xF0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 1;
            int cp = len == 4 ? c & 0x07 : len == 3 ? c & 0x0F : c & 0x1F;
            boolean ok = len > 1 && i + len <= in.length();
            for (int k = 1; ok && k < len; k++) {
                int cc = in.charAt(i + k);
                ok = (cc & 0xC0) == 0x80;
                cp = (cp << 6) | (cc & 0x3F);
            }
            if (ok) {
                out.append("%u");
                for (int shift = 12; shift >= 0; shift -= 4) {
                    out.append(Character.forDigit((cp >> shift) & 0xF, 16));
                }
                i += len;
            } else {
                out.append((char) c);
                i++;
            }
        }
        return out.toString();
    }

    /** {@code %HH}, {@code %uHHHH} (to one byte, full-width ASCII folded) and {@code +}. */
    static String urlDecodeUni(String in) {
        StringBuilder out = new StringBuilder(in.length());
        for (int i = 0; i < in.length(); i++) {
            char c = in.charAt(i);
            if (c == '+') {
                out.append(' ');
            } else if (c == '%' && i + 1 < in.length() && (in.charAt(i + 1) == 'u' || in.charAt(i + 1) == 'U')
                    && hex(in, i + 2, 4) >= 0) {
                out.append(unicodeToByte(hex(in, i + 2, 4)));
                i += 5;
            } else if (c == '%' && hex(in, i + 1, 2) >= 0) {
                out.append((char) hex(in, i + 1, 2));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Numeric character references and the named ones ModSecurity knows. */
    static String htmlEntityDecode(String in) {
        StringBuilder out = new StringBuilder(in.length());
        int i = 0;
        while (i < in.length()) {
            char c = in.charAt(i);
            if (c != '&') {
                out.append(c);
                i++;
                continue;
            }
            int j = i + 1;
            int value = -1;
            if (j < in.length() && in.charAt(j) == '#') {
                boolean hexForm = j + 1 < in.length() && (in.charAt(j + 1) == 'x' || in.charAt(j + 1) == 'X');
                int k = j + (hexForm ? 2 : 1);
                int start = k;
                int v = 0;
                while (k < in.length() && k - start < 8 && Character.digit(in.charAt(k), hexForm ? 16 : 10) >= 0) {
                    v = v * (hexForm ? 16 : 10) + Character.digit(in.charAt(k), hexForm ? 16 : 10);
                    k++;
                }
                if (k > start) {
                    value = v;
                    j = k;
                }
            } else {
                for (String[] named : new String[][] {{"quot", "\""}, {"amp", "&"}, {"lt", "<"}, {"gt", ">"},
                        {"nbsp", "\u00a0"}, {"apos", "'"}}) {
                    if (in.regionMatches(true, j, named[0], 0, named[0].length())) {
                        value = named[1].charAt(0);
                        j += named[0].length();
                        break;
                    }
                }
            }
            if (value < 0) {
                out.append(c);
                i++;
                continue;
            }
            out.append(unicodeToByte(value));
            i = j < in.length() && in.charAt(j) == ';' ? j + 1 : j;
        }
        return out.toString();
    }

    /** JavaScript escapes: {@code \\uHHHH}, {@code \\xHH}, octal, single-letter and identity escapes. */
    static String jsDecode(String in) {
        StringBuilder out = new StringBuilder(in.length());
        int i = 0;
        while (i < in.length()) {
            char c = in.charAt(i);
            if (c != '\\' || i + 1 >= in.length()) {
                out.append(c);
                i++;
                continue;
            }
            char n = in.charAt(i + 1);
            if (n == 'u' && hex(in, i + 2, 4) >= 0) {
                out.append(unicodeToByte(hex(in, i + 2, 4)));
                i += 6;
            } else if (n == 'x' && hex(in, i + 2, 2) >= 0) {
                out.append((char) hex(in, i + 2, 2));
                i += 4;
            } else if (n >= '0' && n <= '7') {
                int k = i + 1;
                int v = 0;
                while (k < in.length() && k < i + 4 && in.charAt(k) >= '0' && in.charAt(k) <= '7'
                        && v * 8 + (in.charAt(k) - '0') <= 0xFF) {
                    v = v * 8 + (in.charAt(k) - '0');
                    k++;
                }
                out.append((char) v);
                i = k;
            } else {
                int idx = "abfnrtv".indexOf(n);
                out.append(idx >= 0 ? "\u0007\b\f\n\r\t\u000b".charAt(idx) : n);
                i += 2;
            }
        }
        return out.toString();
    }

    /** CSS escapes: backslash with 1-6 hex digits (and one optional space), or with any other char. */
    static String cssDecode(String in) {
        StringBuilder out = new StringBuilder(in.length());
        int i = 0;
        while (i < in.length()) {
            char c = in.charAt(i);
            if (c != '\\' || i + 1 >= in.length()) {
                out.append(c);
                i++;
                continue;
            }
            int k = i + 1;
            int v = 0;
            while (k < in.length() && k < i + 7 && Character.digit(in.charAt(k), 16) >= 0) {
                v = v * 16 + Character.digit(in.charAt(k), 16);
                k++;
            }
            if (k > i + 1) {
                out.append(unicodeToByte(v));
                i = k < in.length() && in.charAt(k) == ' ' ? k + 1 : k;
            } else if (in.charAt(i + 1) == '\n') {
                i += 2;
            } else {
                out.append(in.charAt(i + 1));
                i += 2;
            }
        }
        return out.toString();
    }

    static String removeNulls(String in) {
        return in.indexOf('\0') < 0 ? in : in.replace("\0", "");
    }

    private static char unicodeToByte(int cp) {
        if (cp >= 0xFF01 && cp <= 0xFF5E) {
            return (char) (cp - 0xFEE0);
        }
        return (char) (cp & 0xFF);
    }

    private static int hex(String in, int from, int count) {
        if (from + count > in.length()) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < from + count; i++) {
            int d = Character.digit(in.charAt(i), 16);
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v;
    }
}
