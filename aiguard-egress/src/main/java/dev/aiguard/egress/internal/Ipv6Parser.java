package dev.aiguard.egress.internal;

/**
 * Parses IPv6 text (RFC 4291 section 2.2): up to eight groups of one to four hex digits, at most one {@code ::}, and an
 * optional trailing dotted-quad IPv4 part (strict decimal, as in {@code ::ffff:127.0.0.1}). No brackets, no zone id.
 */
public final class Ipv6Parser {

    private Ipv6Parser() {
    }

    /** The 16 bytes of the address, or {@code null} when {@code text} is not valid IPv6. */
    public static byte[] parse(String text) {
        if (text.isEmpty() || text.length() > 45) {
            return null;
        }
        int[] groups = new int[8];
        int count = 0;
        int compressAt = -1;
        int i = 0;
        int n = text.length();
        if (text.startsWith("::")) {
            compressAt = 0;
            i = 2;
            if (i == n) {
                return toBytes(groups, 0, 0);
            }
        } else if (text.charAt(0) == ':') {
            return null;
        }
        while (i < n) {
            if (count == 8) {
                return null;
            }
            int groupEnd = i;
            while (groupEnd < n && text.charAt(groupEnd) != ':' && text.charAt(groupEnd) != '.') {
                groupEnd++;
            }
            if (groupEnd < n && text.charAt(groupEnd) == '.') {
                if (count > 6 || !embedIpv4(text.substring(i), groups, count)) {
                    return null;
                }
                count += 2;
                break;
            }
            int value = hexGroup(text, i, groupEnd);
            if (value < 0) {
                return null;
            }
            groups[count++] = value;
            if (groupEnd == n) {
                break;
            }
            // groupEnd is a ':'
            if (groupEnd + 1 < n && text.charAt(groupEnd + 1) == ':') {
                if (compressAt >= 0) {
                    return null;
                }
                compressAt = count;
                i = groupEnd + 2;
            } else {
                if (groupEnd + 1 == n) {
                    return null;
                }
                i = groupEnd + 1;
            }
        }
        if (compressAt < 0 ? count != 8 : count > 7) {
            return null;
        }
        return toBytes(groups, count, compressAt < 0 ? count : compressAt);
    }

    private static int hexGroup(String text, int start, int end) {
        if (end - start < 1 || end - start > 4) {
            return -1;
        }
        int value = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            int digit = c > 'f' ? -1 : Character.digit(c, 16);
            if (digit < 0) {
                return -1;
            }
            value = value << 4 | digit;
        }
        return value;
    }

    private static boolean embedIpv4(String text, int[] groups, int at) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        int[] octets = new int[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
                return false;
            }
            int v = 0;
            for (int k = 0; k < p.length(); k++) {
                char c = p.charAt(k);
                if (c < '0' || c > '9') {
                    return false;
                }
                v = v * 10 + (c - '0');
            }
            if (v > 255) {
                return false;
            }
            octets[i] = v;
        }
        groups[at] = octets[0] << 8 | octets[1];
        groups[at + 1] = octets[2] << 8 | octets[3];
        return true;
    }

    private static byte[] toBytes(int[] groups, int count, int compressAt) {
        byte[] out = new byte[16];
        int tail = count - compressAt;
        for (int g = 0; g < compressAt; g++) {
            out[2 * g] = (byte) (groups[g] >>> 8);
            out[2 * g + 1] = (byte) groups[g];
        }
        for (int k = 0; k < tail; k++) {
            int g = 8 - tail + k;
            out[2 * g] = (byte) (groups[compressAt + k] >>> 8);
            out[2 * g + 1] = (byte) groups[compressAt + k];
        }
        return out;
    }
}
