package dev.aiguard.waf.internal.operator;

import dev.aiguard.waf.internal.regex.Re2jEngine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NetworkAndEncodingOperatorsTest {

    private static final OperatorEnv ENV = new OperatorEnv(Path.of("."), new Re2jEngine());

    private static boolean eval(String op, String arg, String value) {
        return Operators.create(op, arg, ENV).evaluate(value, RecordingContext.plain());
    }

    @ParameterizedTest(name = "[{index}] {1} @ipMatch {0} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "127.0.0.1,::1          | 127.0.0.1          | true",
            "127.0.0.1,::1          | ::1                | true",
            "127.0.0.1,::1          | 0:0:0:0:0:0:0:1    | true",
            "127.0.0.1,::1          | 127.0.0.2          | false",
            "127.0.0.1,::1          | ::2                | false",
            "127.0.0.1,::1          | localhost          | false",
            "127.0.0.1,::1          | ''                 | false",
            "10.0.0.0/8             | 10.255.1.2         | true",
            "10.0.0.0/8             | 11.0.0.1           | false",
            "192.168.1.0/25         | 192.168.1.127      | true",
            "192.168.1.0/25         | 192.168.1.128      | false",
            "0.0.0.0/0              | 8.8.8.8            | true",
            "0.0.0.0/0              | ::1                | false",
            "2001:db8::/32          | 2001:db8:ffff::1   | true",
            "2001:db8::/32          | 2001:db9::1        | false",
            "::ffff:0:0/96          | ::ffff:192.0.2.1   | true",
            " 1.2.3.4 , 5.6.7.8     | 5.6.7.8            | true",
            "1.2.3.4                | 1.2.3.4.5          | false",
            "1.2.3.4                | 1.2.3.256          | false",
            "1.2.3.4                | 1:2:3:4:5:6:7:8:9  | false",
            "1.2.3.4                | 1::2::3            | false",
    })
    void ipMatchChecksAddressesAndCidrs(String networks, String value, boolean expected) {
        assertThat(eval("ipMatch", networks, value.equals("''") ? "" : value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "1.2.3.4/33", "::1/129", "10.0.0.0/x", "1.2.3"})
    void ipMatchRejectsBadArguments(String argument) {
        assertThatThrownBy(() -> Operators.create("ipMatch", argument, ENV))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("@ipMatch");
    }

    @ParameterizedTest(name = "[{index}] @validateByteRange {0} on {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "1-255                              | abc           | false",
            "1-255                              | a\u0000b      | true",
            "9,10,13,32-126,128-255             | 'line\ttab'   | false",
            "9,10,13,32-126,128-255             | 'bell\u0007'  | true",
            "9,10,13,32-126,128-255             | '\u007f'      | true",
            "9,10,13,32-126,128-255             | '\u00ff'      | false",
            "38,44-46,48-58,61,65-90,95,97-122  | a=b&c.d       | false",
            "38,44-46,48-58,61,65-90,95,97-122  | a b           | true",
            "1-255                              | '\u20ac'      | true",
            "1-255                              | ''            | false",
    })
    void validateByteRangeMatchesBytesOutsideTheSet(String ranges, String value, boolean expected) {
        assertThat(eval("validateByteRange", ranges, value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "256", "5-1", "a-b", "1-", "-1"})
    void validateByteRangeRejectsBadArguments(String argument) {
        assertThatThrownBy(() -> Operators.create("validateByteRange", argument, ENV))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("@validateByteRange");
    }

    @ParameterizedTest(name = "[{index}] @validateUrlEncoding on {0} -> {1}")
    @CsvSource(quoteCharacter = '\'', value = {
            "a%20b,    false",
            "%41%42,   false",
            "plain,    false",
            "'',       false",
            "a%2,      true",
            "a%,       true",
            "a%zz,     true",
            "a%2g,     true",
            "%%41,     true",
    })
    void validateUrlEncodingMatchesBrokenEscapes(String value, boolean expected) {
        assertThat(eval("validateUrlEncoding", "", value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] @validateUtf8Encoding on {0} -> {1}")
    @CsvSource(quoteCharacter = '\'', value = {
            "'ascii',                          false",
            "'',                               false",
            "'\u00c3\u00a9',                   false",
            "'\u00e2\u0082\u00ac',             false",
            "'\u00f0\u009f\u0098\u0080',       false",
            "'\u00c3',                         true",
            "'\u00a9',                         true",
            "'\u00c0\u00af',                   true",
            "'\u00e0\u0080\u00af',             true",
            "'\u00ed\u00a0\u0080',             true",
            "'\u00f4\u0090\u0080\u0080',       true",
            "'\u00f8\u0088\u0080\u0080\u0080', true",
            "'\u00ff',                         true",
            "'\u00e2\u0082x',                  true",
            "'\u20ac',                         true",
    })
    void validateUtf8EncodingMatchesMalformedUtf8(String value, boolean expected) {
        assertThat(eval("validateUtf8Encoding", "", value)).isEqualTo(expected);
    }
}
