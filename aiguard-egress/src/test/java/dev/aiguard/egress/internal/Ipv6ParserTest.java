package dev.aiguard.egress.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class Ipv6ParserTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "::1, ::1",
            "::, ::",
            "0:0:0:0:0:0:0:1, ::1",
            "0000:0000:0000:0000:0000:0000:0000:0001, ::1",
            "0:0:0:000:0:0:0:1, ::1",
            "::ffff:127.0.0.1, ::ffff:7f00:1",
            "0000:0000:0000:0000:0000:ffff:127.0.0.1, ::ffff:7f00:1",
            "::ffff:7f00:1, ::ffff:7f00:1",
            "FE80::1, fe80::1",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            "1::, 1::",
            "1:2:3:4:5:6:7::, 1:2:3:4:5:6:7:0",
            "64:ff9b::10.0.0.1, 64:ff9b::a00:1",
            "2002:a9fe:a9fe::, 2002:a9fe:a9fe::"
    })
    void validFormsParseAndPrintCanonically(String text, String canonical) {
        byte[] bytes = Ipv6Parser.parse(text);
        assertThat(bytes).isNotNull();
        assertThat(new IpAddress(bytes).text()).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"::ffff:7f000001", "0:0:0:0:0:ffff:7f000001", "1:2:3:4:5:6:7:8:9", ":::", "1:::2",
            "1::2::3", ":1", "1:", "12345::", "::ffff:127.0.0.01", "::ffff:1.2.3", "::ffff:256.0.0.1", "g::1",
            "1:2:3:4:5:6:7", "", "::1%eth0", "1:2:3:4:5:6:7:1.2.3.4"})
    void invalidFormsAreRejected(String text) {
        assertThat(Ipv6Parser.parse(text)).isNull();
    }
}
