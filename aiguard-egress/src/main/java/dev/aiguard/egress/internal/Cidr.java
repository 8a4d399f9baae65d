package dev.aiguard.egress.internal;

/**
 * An address block: {@code 10.0.0.0/8}, {@code fd00::/8}, or a single address ({@code /32}, {@code /128}).
 *
 * @param base   the network address (host bits are ignored when matching)
 * @param prefix prefix length in bits
 */
public record Cidr(IpAddress base, int prefix) {

    public Cidr {
        if (prefix < 0 || prefix > base.length() * 8) {
            throw new IllegalArgumentException("prefix /" + prefix + " out of range for " + base);
        }
    }

    /**
     * Parses {@code address[/prefix]}; IPv4 in the strict dotted form or any form {@link Ipv4Parser} accepts.
     *
     * @throws IllegalArgumentException when the text is not a CIDR block
     */
    public static Cidr parse(String text) {
        String t = text.strip();
        int slash = t.indexOf('/');
        String address = slash < 0 ? t : t.substring(0, slash);
        if (address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        IpAddress ip = HostParser.parseIpLiteral(address);
        if (ip == null) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block");
        }
        int prefix = ip.length() * 8;
        if (slash >= 0) {
            String bits = t.substring(slash + 1);
            if (bits.isEmpty() || bits.length() > 3 || !bits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("'" + text + "' has an invalid prefix length");
            }
            prefix = Integer.parseInt(bits);
        }
        return new Cidr(ip, prefix);
    }

    /** True when {@code ip} (same family) lies in this block. */
    public boolean contains(IpAddress ip) {
        if (ip.length() != base.length()) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (ip.octet(i) != base.octet(i)) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (ip.octet(full) & mask) == (base.octet(full) & mask);
    }

    /** True for a block of exactly one address. */
    public boolean isSingleAddress() {
        return prefix == base.length() * 8;
    }

    @Override
    public String toString() {
        return base.text() + "/" + prefix;
    }
}
