package dev.aiguard.waf.internal.regex;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PatternRewriterTest {

    @ParameterizedTest(name = "[{index}] {0} /{1}/ -> /{2}/")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "HYPERSCAN | a$ | a\\z",
            "HYPERSCAN | [$] | [\\$]",
            "HYPERSCAN | \\$ | \\$",
            "HYPERSCAN | \\x{c2} | \\xc2",
            "HYPERSCAN | [\\x00-\\x{ff}] | [\\x00-\\xff]",
            "HYPERSCAN | \\s\\S | \\s\\S",
            "HYPERSCAN | \\Qa$\\E | a\\$",
            "RE2J | a$ | a$",
            "RE2J | \\s | [\\s\\x0b]",
            "RE2J | \\S | [^\\s\\x0b]",
            "RE2J | [\\s,] | [\\s\\x0b\\,]",
            "RE2J | \\x{c2} | \\x{e0c2}",
            "RE2J | [\\x7f-\\x{ff}] | [\\x7f-\\x7f\\x{e080}-\\x{e0ff}]",
            "RE2J | [\\w-] | [\\w\\-]",
            "RE2J | (?i)abc | (?i)abc",
    })
    void rewritesOnlyWhatTheEngineNeeds(PatternRewriter.Dialect dialect, String pattern, String expected) {
        assertThat(PatternRewriter.rewrite(pattern, dialect)).isEqualTo(expected);
    }
}
