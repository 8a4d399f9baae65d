package dev.aiguard.waf.internal.seclang;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OperatorParserTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "@rx ^foo$               | rx                 | ^foo$          | false",
        "!@rx ^foo$              | rx                 | ^foo$          | true",
        "^foo$                   | rx                 | ^foo$          | false",
        "!^[0-9]+$               | rx                 | ^[0-9]+$       | true",
        "``                      | rx                 | ``             | false",
        "@unconditionalMatch     | unconditionalMatch | ``             | false",
        "@rx                     | rx                 | ``             | false",
        "@lt 1                   | lt                 | 1              | false",
        "`@pm  GET HEAD`         | pm                 | GET HEAD       | false",
        "@within %{tx.allowed_methods} | within      | %{tx.allowed_methods} | false",
        "`@rx a b `              | rx                 | `a b `         | false",
        "`@rx\ta`                | rx                 | a              | false",
        "@pmFromFile lfi-os-files.data | pmFromFile  | lfi-os-files.data | false",
        "!@eq 0                  | eq                 | 0              | true",
        "` leading space`        | rx                 | ` leading space` | false",
    })
    void parsesOperators(String text, String name, String argument, boolean negated) {
        assertThat(OperatorParser.parse(text)).isEqualTo(new OperatorSpec(name, argument, negated));
    }
}
