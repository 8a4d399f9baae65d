package dev.aiguard.egress.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HostParserTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Example.COM | example.com",
            "example.com. | example.com",
            "bücher.example | xn--bcher-kva.example",
            "ＥＸＡＭＰＬＥ．com | example.com",
            "%6c%6f%63%61%6c%68%6f%73%74 | localhost",
            "%31%32%37%2e%30%2e%30%2e%31 | 127.0.0.1",
            "⑯⑨。②⑤④。⑯⑨｡②⑤④ | 169.254.169.254",
            "⓪②⑤①。⓪③⑦⑥。⓪②⑤①。⓪③⑦⑥ | 169.254.169.254",
            "⓪⓪②⑤①｡⓪ⓧⓕⓔ｡④③⑤①⑧ | 169.254.169.254",
            "127.0.0.1. | 127.0.0.1",
            "[::1] | [::1]",
            "[::ffff:127.0.0.1] | [::ffff:7f00:1]",
            "under_score.example | under_score.example",
            "7F000001 | 7f000001"
    })
    void hostsNormalizeToOneCanonicalForm(String raw, String canonical) {
        assertThat(HostParser.parse(raw).uriText()).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"④②⑤｡⑤①⓪｡④②⑤｡⑤①⓪", "example..com", "example.com..", "ex ample.com", "a%2fb.com",
            "a%40b.com", "%zz.com", "%c3%28.com", "[::1", "[fe80::1%25]", "[fe80::1%25eth/0]", "[1:2:3]", "",
            "a.-b.com-\u0000", "exa<mple.com", "256.1.1.1", "1.2.3.4.5"})
    void ambiguousOrMalformedHostsAreRejected(String raw) {
        assertThatThrownBy(() -> HostParser.parse(raw)).isInstanceOf(TargetSyntaxException.class);
    }

    @Test
    void bracketedZoneIdsAreParsedInBothSpellings() {
        Host rfc6874 = HostParser.parse("[fe80::1%25eth0]");
        Host bare = HostParser.parse("[fe80::1%eth0]");
        assertThat(rfc6874.zoneId()).isEqualTo("eth0");
        assertThat(bare.zoneId()).isEqualTo("eth0");
        assertThat(rfc6874.ip()).isEqualTo(bare.ip());
        assertThat(rfc6874.ip().text()).isEqualTo("fe80::1");
    }

    @Test
    void overLongLabelsAndNamesAreRejected() {
        assertThatThrownBy(() -> HostParser.parse("a".repeat(64) + ".com")).isInstanceOf(TargetSyntaxException.class);
        assertThatThrownBy(() -> HostParser.parse(("a".repeat(60) + ".").repeat(5) + "com"))
                .isInstanceOf(TargetSyntaxException.class);
    }
}
