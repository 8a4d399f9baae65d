package dev.aiguard.egress.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class Ipv4ParserTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "127.0.0.1, 127.0.0.1",
            "2130706433, 127.0.0.1",
            "017700000001, 127.0.0.1",
            "0x7f000001, 127.0.0.1",
            "0X7F000001, 127.0.0.1",
            "0177.0.0.1, 127.0.0.1",
            "0x7f.0.0.1, 127.0.0.1",
            "0x7f.1, 127.0.0.1",
            "127.1, 127.0.0.1",
            "127.0.1, 127.0.0.1",
            "0177.0x0.1, 127.0.0.1",
            "127.000.000.1, 127.0.0.1",
            "00000000177.000000000.000000000.000000001, 127.0.0.1",
            "0x000000007f.0x000000000.0x000000000.0x000000001, 127.0.0.1",
            "127.0.0.1., 127.0.0.1",
            "0x7f001, 0.7.240.1",
            "0, 0.0.0.0",
            "0x, 0.0.0.0",
            "4294967295, 255.255.255.255",
            "169.16689662, 169.254.169.254",
            "0251.0376.0251.0376, 169.254.169.254",
            "00251.0xfe.43518, 169.254.169.254"
    })
    void everyNumericFormParsesToOneAddress(String text, String expected) {
        long value = Ipv4Parser.parse(text);
        assertThat(value).isNotEqualTo(Ipv4Parser.INVALID);
        assertThat(IpAddress.ofV4(value).text()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"256.0.0.1", "1.2.3.4.5", "4294967296", "1.2.3.256", "08.0.0.1", "0x1g.0.0.1", "1..2",
            "1.2.3.16777216", "425.510.425.510", "99999999999999999999999", "1.2.3.4..", "", "."})
    void invalidNumbersAreRejected(String text) {
        assertThat(Ipv4Parser.parse(text)).isEqualTo(Ipv4Parser.INVALID);
    }

    @ParameterizedTest
    @CsvSource({"127.1, true", "example.com, false", "1.2.3.0x10, true", "foo.0x, true", "7f000001, false",
            "a.b.123., true", "0xg, false", "1ynrnhl.xip.io, false", "10.0.0.1.nip.io, false"})
    void endsInNumberDecidesBetweenAddressAndName(String host, boolean expected) {
        assertThat(Ipv4Parser.endsInNumber(host)).isEqualTo(expected);
    }
}
