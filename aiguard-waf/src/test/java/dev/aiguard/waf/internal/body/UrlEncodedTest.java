package dev.aiguard.waf.internal.body;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class UrlEncodedTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a=1&b=2              | a=1;b=2",
        "a=1&&b=2             | a=1;b=2",
        "flag&x=              | flag=;x=",
        "a+b=c+d              | a b=c d",
        "%41%42=%3D%26        | AB==&",
        "bad=%zz%4            | bad=%zz%4",
        "a=1=2                | a=1=2",
        "=v                   | =v",
    })
    void parsesLikeModSecurityArgs(String input, String expected) {
        String actual = UrlEncoded.parse(input, '&').stream().map(p -> p.name() + "=" + p.value())
                .collect(Collectors.joining(";"));
        assertThat(actual).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a;b=1     | ;  | a=;b=1",
        "a=1&b=2   | ;  | a=1&b=2",
    })
    void honoursTheArgumentSeparator(String input, char separator, String expected) {
        String actual = UrlEncoded.parse(input, separator).stream().map(p -> p.name() + "=" + p.value())
                .collect(Collectors.joining(";"));
        assertThat(actual).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "/a%20b+c  | /a b+c",
        "%e2%80%99 | \u00e2\u0080\u0099",
        "%         | %",
    })
    void percentDecodeKeepsPlusAndYieldsByteStrings(String input, String expected) {
        assertThat(UrlEncoded.percentDecode(input)).isEqualTo(expected);
    }
}
