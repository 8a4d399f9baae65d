package dev.aiguard.egress;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every way of writing an internal address lands on the same decision, even with every public host allowed: the
 * encoding classes of the issue, each for loopback and for the metadata address.
 */
class IpEncodingTest {

    private final EgressGuard guard = EgressGuard.builder(
                    EgressPolicy.builder().enforce().allow(EgressRule.anyHost()).build())
            .resolver(new SimulatedInternet()).build();

    static Stream<Arguments> encodings() {
        return Stream.of(
                arguments("dotted decimal", "http://127.0.0.1/", EgressReason.LOOPBACK),
                arguments("dotted decimal", "http://169.254.169.254/", EgressReason.CLOUD_METADATA),
                arguments("single decimal", "http://2130706433/", EgressReason.LOOPBACK),
                arguments("single decimal", "http://2852039166/", EgressReason.CLOUD_METADATA),
                arguments("single octal", "http://017700000001/", EgressReason.LOOPBACK),
                arguments("single octal", "http://025177524776/", EgressReason.CLOUD_METADATA),
                arguments("single hex", "http://0x7f000001/", EgressReason.LOOPBACK),
                arguments("single hex", "http://0xA9FEA9FE/", EgressReason.CLOUD_METADATA),
                arguments("dotted octal", "http://0177.0.0.01/", EgressReason.LOOPBACK),
                arguments("dotted octal", "http://0251.0376.0251.0376/", EgressReason.CLOUD_METADATA),
                arguments("dotted hex", "http://0x7f.0x0.0x0.0x1/", EgressReason.LOOPBACK),
                arguments("dotted hex", "http://0xa9.0xfe.0xa9.0xfe/", EgressReason.CLOUD_METADATA),
                arguments("short form", "http://127.1/", EgressReason.LOOPBACK),
                arguments("short form", "http://169.254.43518/", EgressReason.CLOUD_METADATA),
                arguments("short form two parts", "http://169.16689662/", EgressReason.CLOUD_METADATA),
                arguments("mixed radix", "http://0177.0x0.1/", EgressReason.LOOPBACK),
                arguments("mixed radix", "http://0xa9.254.0251.0xfe/", EgressReason.CLOUD_METADATA),
                arguments("padded zeros", "http://00000000177.000000000.000000000.000000001/", EgressReason.LOOPBACK),
                arguments("trailing dot", "http://127.0.0.1./", EgressReason.LOOPBACK),
                arguments("trailing dot", "http://169.254.169.254./", EgressReason.CLOUD_METADATA),
                arguments("trailing dot name", "http://localhost./", EgressReason.LOOPBACK),
                arguments("percent-encoded", "http://%31%32%37%2e%30%2e%30%2e%31/", EgressReason.LOOPBACK),
                arguments("percent-encoded name", "http://%6c%6f%63%61%6c%68%6f%73%74/", EgressReason.LOOPBACK),
                arguments("enclosed alphanumerics", "http://⑯⑨。②⑤④。⑯⑨｡②⑤④/", EgressReason.CLOUD_METADATA),
                arguments("full-width digits", "http://１２７．０．０．１/", EgressReason.LOOPBACK),
                arguments("IDN metadata name", "http://METADATA.google.internal./", EgressReason.CLOUD_METADATA),
                arguments("IPv6 loopback", "http://[::1]/", EgressReason.LOOPBACK),
                arguments("IPv6 long loopback", "http://[0000:0000:0000:0000:0000:0000:0000:0001]/",
                        EgressReason.LOOPBACK),
                arguments("IPv6 unspecified", "http://[::]/", EgressReason.UNSPECIFIED),
                arguments("IPv4-mapped", "http://[::ffff:127.0.0.1]/", EgressReason.LOOPBACK),
                arguments("IPv4-mapped hex", "http://[::ffff:a9fe:a9fe]/", EgressReason.CLOUD_METADATA),
                arguments("IPv4-compatible", "http://[::127.0.0.1]/", EgressReason.LOOPBACK),
                arguments("IPv4-translated", "http://[::ffff:0:169.254.169.254]/", EgressReason.CLOUD_METADATA),
                arguments("6to4", "http://[2002:7f00:1::]/", EgressReason.LOOPBACK),
                arguments("6to4", "http://[2002:a9fe:a9fe::]/", EgressReason.CLOUD_METADATA),
                arguments("NAT64", "http://[64:ff9b::7f00:1]/", EgressReason.LOOPBACK),
                arguments("NAT64", "http://[64:ff9b::169.254.169.254]/", EgressReason.CLOUD_METADATA),
                arguments("AWS IPv6 IMDS", "http://[fd00:ec2::254]/", EgressReason.CLOUD_METADATA),
                arguments("zone id link-local", "http://[fe80::1%25eth0]/", EgressReason.LINK_LOCAL),
                arguments("zone id on public", "http://[2606:4700::1111%25eth0]/", EgressReason.ZONE_ID),
                arguments("userinfo trick", "http://8.8.8.8@127.0.0.1/", EgressReason.USERINFO),
                arguments("backslash trick", "http://8.8.8.8\\@127.0.0.1/", EgressReason.INVALID_URL),
                arguments("out of range octets", "http://425.510.425.510/", EgressReason.INVALID_URL),
                arguments("invalid IPv6 group", "http://[::ffff:7f000001]/", EgressReason.INVALID_URL),
                arguments("DNS to loopback", "http://test.localtest.me/", EgressReason.LOOPBACK),
                arguments("DNS to private", "http://10.0.0.1.nip.io/", EgressReason.PRIVATE),
                arguments("DNS to metadata", "http://app-169-254-169-254.nip.io/", EgressReason.CLOUD_METADATA),
                arguments("DNS base36", "http://1ynrnhl.xip.io/", EgressReason.CLOUD_METADATA));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("encodings")
    void everyEncodingOfAnInternalAddressIsDenied(String encoding, String url, EgressReason expected) {
        EgressDecision d = guard.check(url);
        assertThat(d.allowed()).as(d.detail()).isFalse();
        assertThat(d.reason()).as(d.detail()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encodings")
    void userInfoPermittedStillDecidesOnTheRealHost(String encoding, String url, EgressReason expected) {
        EgressGuard lenient = EgressGuard.builder(EgressPolicy.builder().enforce().allow(EgressRule.anyHost())
                .permitUserInfo().build()).resolver(new SimulatedInternet()).build();
        EgressReason reason = lenient.check(url).reason();
        assertThat(reason).isEqualTo(expected == EgressReason.USERINFO ? EgressReason.LOOPBACK : expected);
    }
}
