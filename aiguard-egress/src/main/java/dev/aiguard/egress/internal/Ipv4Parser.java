package dev.aiguard.egress.internal;

/**
 * IPv4 host parsing as browsers and {@code inet_aton} do it (WHATWG URL "IPv4 parser"): one to four dot-separated
 * parts, each decimal, octal (leading {@code 0}) or hexadecimal ({@code 0x}); the last part fills the remaining
 * bytes, so {@code 127.1}, {@code 0x7f.1}, {@code 0177.0.0.1} and {@code 2130706433} all mean 127.0.0.1.
 * A host whose last label is a number must be an IPv4 address; anything else is treated as a domain name.
 */
public final class Ipv4Parser {

    /** Returned when the text is not a valid IPv4 address. */
    public static final long INVALID = -1;

    private static final long LIMIT = 1L << 32;

    private Ipv4Parser() {
    }

    /**
     * True when the host's last label is a number (decimal digits, or {@code 0x} plus hex digits): such a host must
     * parse as IPv4 or it is invalid (it is never looked up as a name).
     */
    public static boolean endsInNumber(String host) {
        int end = host.length();
        if (end > 0 && host.charAt(end - 1) == '.') {
            end--;
        }
        int start = host.lastIndexOf('.', end - 1) + 1;
        if (start >= end) {
            return false;
        }
        if (allDigits(host, start, end, 10)) {
            return true;
        }
        return end - start >= 2 && host.charAt(start) == '0' && (host.charAt(start + 1) | 0x20) == 'x'
                && allDigits(host, start + 2, end, 16);
    }

    /** The 32-bit value of {@code host}, or {@link #INVALID}. */
    public static long parse(String host) {
        int end = host.length();
        if (end > 1 && host.charAt(end - 1) == '.') {
            end--;
        }
        long[] parts = new long[4];
        int count = 0;
        int start = 0;
        while (start <= end) {
            int dot = host.indexOf('.', start);
            int partEnd = dot < 0 || dot > end ? end : dot;
            if (count == 4) {
                return INVALID;
            }
            long value = parseNumber(host, start, partEnd);
            if (value == INVALID) {
                return INVALID;
            }
            parts[count++] = value;
            start = partEnd + 1;
        }
        return combine(parts, count);
    }

    private static long combine(long[] parts, int count) {
        long result = 0;
        for (int i = 0; i < count - 1; i++) {
            if (parts[i] > 255) {
                return INVALID;
            }
            result |= parts[i] << (8 * (3 - i));
        }
        long last = parts[count - 1];
        if (last >= 1L << (8 * (5 - count))) {
            return INVALID;
        }
        return result | last;
    }

    private static long parseNumber(String s, int start, int end) {
        if (start >= end) {
            return INVALID;
        }
        int radix = 10;
        if (end - start >= 2 && s.charAt(start) == '0' && (s.charAt(start + 1) | 0x20) == 'x') {
            radix = 16;
            start += 2;
        } else if (end - start >= 2 && s.charAt(start) == '0') {
            radix = 8;
            start += 1;
        }
        long value = 0;
        for (int i = start; i < end; i++) {
            int digit = Character.digit(s.charAt(i), radix);
            if (digit < 0 || s.charAt(i) > 'f') {
                return INVALID;
            }
            value = value * radix + digit;
            if (value >= LIMIT) {
                // Too large for any part; keep scanning cost linear and stop early.
                return INVALID;
            }
        }
        return value;
    }

    private static boolean allDigits(String s, int start, int end, int radix) {
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c > 'f' || Character.digit(c, radix) < 0) {
                return false;
            }
        }
        return true;
    }
}
