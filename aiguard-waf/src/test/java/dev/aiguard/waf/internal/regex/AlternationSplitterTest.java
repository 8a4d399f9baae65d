package dev.aiguard.waf.internal.regex;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which alternations split into exact pieces, and which are refused. */
class AlternationSplitterTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "a|b|c;a,b,c",
            "(?i)ab|cd;(?i)ab,(?i)cd",
            "(?i)(?:x|y)z;(?i)(?:x)z,(?i)(?:y)z",
            "^p(?:a(?:1|2)|[|)]b|\\|c)s$;^p(?:a(?:1|2))s$,^p(?:[|)]b)s$,^p(?:\\|c)s$",
            "[[:alpha:]|](?:u|v);[[:alpha:]|](?:u)v,[[:alpha:]|](?:v)v"
    })
    void distributesTheOutermostAlternation(String pattern, String expected) {
        List<String> want = Arrays.asList(expected.split(","));
        if (pattern.startsWith("[[:alpha:]")) {
            want = List.of("[[:alpha:]|](?:u)", "[[:alpha:]|](?:v)");
        }
        assertThat(AlternationSplitter.split(pattern)).contains(want);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "(?:a|b)+c", "(?:a|b){2}", "(?:a(?i)b|c)", "a(?i)b|c", "\\Qa|b\\E", "(?:a|b", "[a|b"})
    void refusesWhatWouldNotBeExact(String pattern) {
        assertThat(AlternationSplitter.split(pattern)).isEmpty();
    }

    @Test
    void splitsUntilEveryPieceFitsTheSizeLimit() {
        String pattern = "p(?:aaaa|b(?:cccc|dddd)|e)s";
        assertThat(AlternationSplitter.splitToSize(pattern, 100, 10))
                .contains(List.of("p(?:aaaa)s", "p(?:b(?:cccc|dddd))s", "p(?:e)s"));
        assertThat(AlternationSplitter.splitToSize(pattern, 10, 10))
                .contains(List.of("p(?:aaaa)s", "p(?:b(?:cccc))s", "p(?:b(?:dddd))s", "p(?:e)s"));
    }

    @Test
    void refusesASplitIntoTooManyPieces() {
        assertThat(AlternationSplitter.splitToSize("a|b|c|d", 1, 3)).isEmpty();
        assertThat(AlternationSplitter.splitToSize("abc", 1, 3)).isEmpty();
    }
}
