package dev.aiguard.waf.internal.regex;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** What the {@link PatternRewriter.Dialect#JAVA} rewrite hands java.util.regex, construct by construct. */
class JavaSyntaxTest {

    @ParameterizedTest(name = "[{index}] /{0}/ -> /{1}/")
    @CsvSource(delimiterString = "=>", quoteCharacter = '"', value = {
            "a$                => a\\z",
            "[$]               => [\\$]",
            "[[]               => [\\[]",
            "[a&&b]            => [a\\&\\&b]",
            "[^\"\\x5c\\]{}]   => [^\\\"\\\\\\]\\{\\}]",
            "[[:alpha:]]       => [\\p{Alpha}]",
            "[[:^space:]]      => [\\P{Space}]",
            "[[:word:][:^word:]] => [\\w\\W]",
            "\\s*+;            => \\s*+;",
            "(?<!&amp);        => (?<!&amp);",
            "(?<=a)(?=b)(?!c)(?>d) => (?<=a)(?=b)(?!c)(?>d)",
            "\\bx\\B           => (?:(?<=\\w)(?!\\w)|(?<!\\w)(?=\\w))x(?:(?<=\\w)(?=\\w)|(?<!\\w)(?!\\w))",
            "a\\Z              => a(?=\\n?\\z)",
            "a{2}b{2,}c{2,3}   => a{2}b{2,}c{2,3}",
            "a{,3}             => a\\{,3}",
            "a{x}              => a\\{x}",
            "(?P<n>a)(?P=n)    => (?<n>a)\\k<n>",
            "(?'n'a)           => (?<n>a)",
            "(?#why)a          => a",
            "(?i)a(?-i:b)(?s:c) => (?i)a(?-i:b)(?s:c)",
            "\\x{e9}\\xff      => \\xe9\\xff",
            "\\Qa{$\\E         => a\\{\\$",
            "(\\w)\\1          => (\\w)\\1",
    })
    void translatesPcreToAnExactJavaForm(String pcre, String java) {
        assertThat(PatternRewriter.rewrite(pcre, PatternRewriter.Dialect.JAVA)).isEqualTo(java);
    }
}
