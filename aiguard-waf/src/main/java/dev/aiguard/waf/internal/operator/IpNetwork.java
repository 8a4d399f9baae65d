package dev.aiguard.waf.internal.operator;

/**
 * An IPv4 or IPv6 network (an address with a prefix length; a plain address is a full-length prefix).
 */
final class IpNetwork {

    private final byte[] address;
    private final int prefixLength;

    private IpNetwork(byte[] address, int prefixLength) {
        this.address = address;
        this.prefixLength = prefixLength;
    }

    /**
     * @param text {@code 10.0.0.0/8}, {@code 127.0.0.1}, {@code ::1}, {@code 2001:db8::/32}
     * @throws IllegalArgumentException when the text is not an address or CIDR
     */
    static IpNetwork parse(String text) {
        String s = text.strip();
        int slash = s.indexOf('/');
        byte[] address = IpAddresses.parse(slash < 0 ? s : s.substring(0, slash));
        if (address == null) {
            throw new IllegalArgumentException("@ipMatch: not an IP address or CIDR: '" + text + "'");
        }
        int bits = address.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String p = s.substring(slash + 1);
            if (!p.matches("\\d{1,3}") || Integer.parseInt(p) > bits) {
                throw new IllegalArgumentException("@ipMatch: bad prefix length in '" + text + "' (0-" + bits + ")");
            }
            prefix = Integer.parseInt(p);
        }
        return new IpNetwork(address, prefix);
    }

    /** {@code true} when the address (same family) lies in this network. */
    boolean contains(byte[] candidate) {
        if (candidate.length != address.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (candidate[i] != address[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (candidate[full] & mask) == (address[full] & mask);
    }
}
