package dev.aiguard.waf.crstest;

/** Go's {@code net/url} query escaping rules, as go-ftw relies on them. */
final class GoUrl {

    private GoUrl() {
    }

    /**
     * {@code true} when Go's {@code url.QueryUnescape} would return something other than the input: a {@code +},
     * a valid {@code %XX} escape, or a malformed escape (an error, which also leaves the data alone).
     */
    static boolean unescapeChanges(byte[] data) {
        for (int i = 0; i < data.length; i++) {
            if (data[i] == '+' || data[i] == '%') {
                return true;
            }
        }
        return false;
    }

    /** {@code url.QueryEscape} of {@code data[from, to)}: space to {@code +}, unreserved bytes kept, rest %XX. */
    static String queryEscape(byte[] data, int from, int to) {
        StringBuilder out = new StringBuilder();
        for (int i = from; i < to; i++) {
            int b = data[i] & 0xff;
            if (b == ' ') {
                out.append('+');
            } else if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '-'
                    || b == '_' || b == '.' || b == '~') {
                out.append((char) b);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
