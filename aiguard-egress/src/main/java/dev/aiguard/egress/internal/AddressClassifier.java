package dev.aiguard.egress.internal;

import java.util.List;

/**
 * Classifies addresses (IANA special-purpose registries, RFC 6890 and successors) and cloud metadata endpoints.
 * IPv6 forms that carry an IPv4 address (mapped, compatible, SIIT-translated, 6to4, NAT64) take the category of
 * the IPv4 address inside when that is not public, so {@code ::ffff:127.0.0.1} and {@code 2002:7f00:1::} are loopback.
 */
public final class AddressClassifier {

    private record Block(Cidr cidr, AddressCategory category) {
    }

    /** Metadata services: AWS (IMDS, ECS, EKS pod identity, IPv6 IMDS), GCP, Azure, Alibaba, Oracle, Tencent. */
    private static final List<Block> METADATA = blocks(AddressCategory.CLOUD_METADATA,
            "169.254.169.254", "169.254.170.2", "169.254.170.23",
            "fd00:ec2::254", "fd00:ec2::23", "fd20:ce::254", "168.63.129.16", "100.100.100.200", "192.0.0.192",
            "169.254.0.23");

    private static final List<Block> V4 = List.of(
            block("0.0.0.0/8", AddressCategory.UNSPECIFIED),
            block("10.0.0.0/8", AddressCategory.PRIVATE),
            block("100.64.0.0/10", AddressCategory.CGNAT),
            block("127.0.0.0/8", AddressCategory.LOOPBACK),
            block("169.254.0.0/16", AddressCategory.LINK_LOCAL),
            block("172.16.0.0/12", AddressCategory.PRIVATE),
            block("192.0.0.0/24", AddressCategory.RESERVED),
            block("192.0.2.0/24", AddressCategory.RESERVED),
            block("192.88.99.0/24", AddressCategory.RESERVED),
            block("192.168.0.0/16", AddressCategory.PRIVATE),
            block("198.18.0.0/15", AddressCategory.RESERVED),
            block("198.51.100.0/24", AddressCategory.RESERVED),
            block("203.0.113.0/24", AddressCategory.RESERVED),
            block("224.0.0.0/4", AddressCategory.MULTICAST),
            block("255.255.255.255/32", AddressCategory.BROADCAST),
            block("240.0.0.0/4", AddressCategory.RESERVED));

    private static final List<Block> V6 = List.of(
            block("::/128", AddressCategory.UNSPECIFIED),
            block("::1/128", AddressCategory.LOOPBACK),
            block("64:ff9b:1::/48", AddressCategory.PRIVATE),
            block("100::/64", AddressCategory.RESERVED),
            block("2001::/32", AddressCategory.RESERVED),
            block("2001:db8::/32", AddressCategory.RESERVED),
            block("3fff::/20", AddressCategory.RESERVED),
            block("fc00::/7", AddressCategory.ULA),
            block("fe80::/10", AddressCategory.LINK_LOCAL),
            block("fec0::/10", AddressCategory.PRIVATE),
            block("ff00::/8", AddressCategory.MULTICAST));

    private static final Cidr MAPPED = Cidr.parse("::ffff:0:0/96");
    private static final Cidr TRANSLATED = Cidr.parse("::ffff:0:0:0/96");
    private static final Cidr COMPATIBLE = Cidr.parse("::/96");
    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

    private AddressClassifier() {
    }

    /** The category of {@code ip}. */
    public static AddressCategory classify(IpAddress ip) {
        AddressCategory direct = lookup(ip);
        if (direct != AddressCategory.PUBLIC || ip.isV4()) {
            return direct;
        }
        IpAddress embedded = embeddedV4(ip);
        return embedded == null ? AddressCategory.PUBLIC : lookup(embedded);
    }

    /** The IPv4 address carried inside an IPv6 transition form, or {@code null}. */
    public static IpAddress embeddedV4(IpAddress ip) {
        if (ip.isV4()) {
            return null;
        }
        if (MAPPED.contains(ip) || TRANSLATED.contains(ip) || COMPATIBLE.contains(ip) || NAT64.contains(ip)) {
            return slice(ip, 12);
        }
        if (SIX_TO_FOUR.contains(ip)) {
            return slice(ip, 2);
        }
        return null;
    }

    private static AddressCategory lookup(IpAddress ip) {
        for (Block b : METADATA) {
            if (b.cidr().contains(ip)) {
                return b.category();
            }
        }
        for (Block b : ip.isV4() ? V4 : V6) {
            if (b.cidr().contains(ip)) {
                return b.category();
            }
        }
        return AddressCategory.PUBLIC;
    }

    private static IpAddress slice(IpAddress ip, int from) {
        return new IpAddress(new byte[] {(byte) ip.octet(from), (byte) ip.octet(from + 1), (byte) ip.octet(from + 2),
                (byte) ip.octet(from + 3)});
    }

    private static Block block(String cidr, AddressCategory category) {
        return new Block(Cidr.parse(cidr), category);
    }

    private static List<Block> blocks(AddressCategory category, String... addresses) {
        return java.util.Arrays.stream(addresses).map(a -> block(a, category)).toList();
    }
}
