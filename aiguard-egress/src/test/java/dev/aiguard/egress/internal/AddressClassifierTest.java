package dev.aiguard.egress.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class AddressClassifierTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "127.0.0.1, LOOPBACK", "127.255.255.254, LOOPBACK", "::1, LOOPBACK",
            "10.1.2.3, PRIVATE", "172.16.0.1, PRIVATE", "172.31.255.255, PRIVATE", "192.168.1.1, PRIVATE",
            "fec0::1, PRIVATE", "64:ff9b:1::1, PRIVATE",
            "169.254.1.1, LINK_LOCAL", "fe80::1, LINK_LOCAL", "febf::1, LINK_LOCAL",
            "100.64.0.1, CGNAT", "100.127.255.255, CGNAT",
            "fc00::1, ULA", "fdff::1, ULA",
            "224.0.0.1, MULTICAST", "239.255.255.250, MULTICAST", "ff02::1, MULTICAST",
            "0.0.0.0, UNSPECIFIED", "0.7.240.1, UNSPECIFIED", ":: , UNSPECIFIED",
            "255.255.255.255, BROADCAST",
            "240.0.0.1, RESERVED", "192.0.2.1, RESERVED", "198.51.100.1, RESERVED", "203.0.113.1, RESERVED",
            "198.18.0.1, RESERVED", "192.0.0.8, RESERVED", "2001:db8::1, RESERVED", "100::1, RESERVED",
            "2001::1, RESERVED",
            "169.254.169.254, CLOUD_METADATA", "169.254.170.2, CLOUD_METADATA", "169.254.170.23, CLOUD_METADATA",
            "fd00:ec2::254, CLOUD_METADATA", "fd00:ec2::23, CLOUD_METADATA", "fd20:ce::254, CLOUD_METADATA",
            "168.63.129.16, CLOUD_METADATA", "100.100.100.200, CLOUD_METADATA", "192.0.0.192, CLOUD_METADATA",
            "169.254.0.23, CLOUD_METADATA",
            "8.8.8.8, PUBLIC", "1.1.1.1, PUBLIC", "172.32.0.1, PUBLIC", "100.128.0.1, PUBLIC",
            "2606:4700::1111, PUBLIC", "172.15.255.255, PUBLIC"
    })
    void addressesFallInTheirSpecialPurposeBlock(String text, AddressCategory expected) {
        assertThat(AddressClassifier.classify(HostParser.parseIpLiteral(text))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} embeds {1}")
    @CsvSource({
            "::ffff:127.0.0.1, LOOPBACK",        // IPv4-mapped
            "::ffff:169.254.169.254, CLOUD_METADATA",
            "::127.0.0.1, LOOPBACK",             // IPv4-compatible (deprecated)
            "::10.0.0.1, PRIVATE",
            "::ffff:0:10.0.0.1, PRIVATE",        // SIIT translated
            "2002:7f00:1::, LOOPBACK",           // 6to4 of 127.0.0.1
            "2002:a9fe:a9fe::1, CLOUD_METADATA", // 6to4 of 169.254.169.254
            "2002:c0a8:101::, PRIVATE",          // 6to4 of 192.168.1.1
            "64:ff9b::127.0.0.1, LOOPBACK",      // NAT64 well-known prefix
            "64:ff9b::a9fe:a9fe, CLOUD_METADATA",
            "64:ff9b::100.64.0.1, CGNAT",
            "::ffff:8.8.8.8, PUBLIC",
            "2002:808:808::, PUBLIC",
            "64:ff9b::8.8.8.8, PUBLIC"
    })
    void ipv6TransitionFormsTakeTheCategoryOfTheIpv4Inside(String text, AddressCategory expected) {
        assertThat(AddressClassifier.classify(HostParser.parseIpLiteral(text))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"10.0.0.0/8, 10.255.1.1, true", "10.0.0.0/8, 11.0.0.1, false", "172.16.0.0/12, 172.31.0.1, true",
            "172.16.0.0/12, 172.32.0.1, false", "fd00::/8, fd12::1, true", "fd00::/8, fe00::1, false",
            "1.2.3.4, 1.2.3.4, true", "1.2.3.4, 1.2.3.5, false", "0.0.0.0/0, 9.9.9.9, true",
            "10.0.0.0/8, ::ffff:10.0.0.1, false"})
    void cidrBlocksContainTheirAddresses(String block, String address, boolean expected) {
        assertThat(Cidr.parse(block).contains(HostParser.parseIpLiteral(address))).isEqualTo(expected);
    }
}
