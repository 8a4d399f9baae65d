package dev.aiguard.egress.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An IPv4 (4 bytes) or IPv6 (16 bytes) address as plain bytes: no host name, no scope, never a DNS lookup.
 * IPv4-mapped IPv6 addresses stay 16 bytes here; {@link #unmapped()} gives the IPv4 address the JDK would connect to.
 */
public record IpAddress(byte[] bytes) {

    public IpAddress {
        if (bytes == null || (bytes.length != 4 && bytes.length != 16)) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes");
        }
        bytes = bytes.clone();
    }

    /** The address of a JDK {@link InetAddress} (its scope id, if any, is dropped). */
    public static IpAddress of(InetAddress address) {
        return new IpAddress(address.getAddress());
    }

    /** An IPv4 address from its 32-bit value. */
    public static IpAddress ofV4(long value) {
        return new IpAddress(new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Byte {@code i} as 0-255. */
    public int octet(int i) {
        return bytes[i] & 0xFF;
    }

    public int length() {
        return bytes.length;
    }

    public boolean isV4() {
        return bytes.length == 4;
    }

    /** For {@code ::ffff:a.b.c.d} the IPv4 address {@code a.b.c.d} (what the JDK connects to); otherwise this. */
    public IpAddress unmapped() {
        if (isV4()) {
            return this;
        }
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return this;
            }
        }
        return octet(10) == 0xFF && octet(11) == 0xFF ? new IpAddress(Arrays.copyOfRange(bytes, 12, 16)) : this;
    }

    /** A JDK address object for these bytes; never performs a lookup. */
    public InetAddress toInetAddress() {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("unreachable: length is checked", e);
        }
    }

    /** Canonical text: dotted quad, or RFC 5952 IPv6 (lower case, longest zero run compressed). */
    public String text() {
        return isV4() ? octet(0) + "." + octet(1) + "." + octet(2) + "." + octet(3) : v6Text();
    }

    /** The host as written in a URI: IPv6 in brackets. */
    public String uriHost() {
        return isV4() ? text() : "[" + text() + "]";
    }

    private String v6Text() {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (octet(2 * i) << 8) | octet(2 * i + 1);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLen - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpAddress other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return text();
    }
}
