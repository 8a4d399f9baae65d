package dev.aiguard.waf.internal.engine;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MacroTest {

    private static final Map<String, String> VALUES = Map.of("TX:score", "5", "MATCHED_VAR:", "val",
            "REQUEST_HEADERS:host", "example", "TX:0", "zero");

    private static String expand(String text) {
        return Macro.parse(text).expand((v, k) -> VALUES.get(v.name() + ":" + (k == null ? "" : k)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "plain text                          | plain text",
        "%{TX.score}                         | 5",
        "score=%{tx.score}!                  | score=5!",
        "%{MATCHED_VAR} in %{tx.0}           | val in zero",
        "%{REQUEST_HEADERS.host}             | example",
        "%{tx.missing}x                      | x",
        "%{NOT_A_VARIABLE} stays             | %{NOT_A_VARIABLE} stays",
        "unterminated %{tx.score             | unterminated %{tx.score",
        "100%                                | 100%",
    })
    void expandsReferences(String text, String expected) {
        assertThat(expand(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "' 42abc'  | 42",
        "-7        | -7",
        "+3        | 3",
        "abc       | 0",
        "''        | 0",
        "99999999999999999999999 | 9223372036854775807",
    })
    void numbersParseLikeAtoi(String text, long expected) {
        assertThat(Numbers.parseLong(text)).isEqualTo(expected);
    }
}
