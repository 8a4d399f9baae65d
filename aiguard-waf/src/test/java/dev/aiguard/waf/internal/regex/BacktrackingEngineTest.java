package dev.aiguard.waf.internal.regex;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The engine contract on the bounded backtracking fallback, plus what only it has: PCRE's lookaround,
 * back references and possessive quantifiers, and the step budget whose aborts count as matches.
 */
class BacktrackingEngineTest extends RegexEngineContract {

    /** CRS 3.3 rule 920120 (multipart file names): a quote or =, or a ; that does not end an allowed entity. */
    private static final String RULE_920120 = "(?<!&(?:[aAoOuUyY]uml)|&(?:[aAeEiIoOuU]circ)|&(?:[eEiIoOuUyY]acute)"
            + "|&(?:[aAeEiIoOuU]grave)|&(?:[cC]cedil)|&(?:[aAnNoO]tilde)|&(?:amp)|&(?:apos));|['\"=]";
    /** CRS 3.3 rule 942130 (SQL tautologies): a back reference inside negative lookaheads, caseless. */
    private static final String RULE_942130 = "(?i:[\\s'\"`()]*?\\b([\\d\\w]+)\\b[\\s'\"`()]*?(?:<(?:=(?:[\\s'\"`()]*?"
            + "(?!\\b\\1\\b)[\\d\\w]+|>[\\s'\"`()]*?(?:\\b\\1\\b))|>?[\\s'\"`()]*?(?!\\b\\1\\b)[\\d\\w]+)|(?:not\\s+"
            + "(?:regexp|like)|is\\s+not|>=?|!=|\\^)[\\s'\"`()]*?(?!\\b\\1\\b)[\\d\\w]+|(?:(?:sounds\\s+)?like|"
            + "r(?:egexp|like)|=)[\\s'\"`()]*?(?:\\b\\1\\b)))";

    private final BacktrackingEngine engine = new BacktrackingEngine();

    @Override
    RegexEngine newEngine() {
        return new BacktrackingEngine();
    }

    /**
     * Replaces the contract's linear-time check: this engine is not linear, it is bounded. On these inputs it
     * aborts, and an aborted match counts as a match (fail-closed), quickly.
     */
    @Override
    @Test
    void nestedQuantifiersStayLinearOn100KiB() {
        String input = "a".repeat(100 * 1024) + "!";
        long start = System.nanoTime();
        assertThat(engine.compile("(a+)+$").find(input)).isTrue();
        assertThat(engine.compile("^(a|aa)+$").find(input)).isTrue();
        assertThat(engine.compile("(a*)*b").find(input)).isTrue();
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
    }

    @Test
    void catastrophicBacktrackingOn30KiBIsAbortedFastAndCountsAsMatch() {
        String input = "a".repeat(30 * 1024) + "!";
        CompiledPattern p = engine.compile("(a+)+$");
        long start = System.nanoTime();
        assertThat(p.find(input)).isTrue();
        List<String> groups = p.findGroups(input, 9);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(groups).containsExactly(input, "");
        assertThat(millis).isLessThan(2_000);
    }

    @Test
    void theSameShapeWithinBudgetGivesTheRealAnswer() {
        // 20 chars: 2^20 paths would exceed 10,000 + 100 x 21 steps, but a match is found on the first path.
        assertThat(engine.compile("(a+)+$").find("a".repeat(20))).isTrue();
        assertThat(engine.compile("(a+)+b").find("aaab")).isTrue();
        assertThat(engine.compile("(a+)+$").find("aaa!")).isFalse();
    }

    @Test
    void budgetGrowsLinearlyWithTheInput() {
        assertThat(BacktrackingPattern.budget(0)).isEqualTo(10_000);
        assertThat(BacktrackingPattern.budget(1_000)).isEqualTo(110_000);
        assertThat(BacktrackingPattern.budget(Integer.MAX_VALUE)).isPositive();
    }

    @Test
    void ordinaryMatchingOnLongInputsStaysWithinBudget() {
        String text = "the quick brown fox jumps over the lazy dog; ".repeat(20_000);
        assertThat(engine.compile("(?<!lazy )dog;\\s*$").find(text)).isFalse();
        assertThat(engine.compile("(?<!lazy )cat").find(text)).isFalse();
        assertThat(engine.compile("(?<=lazy )dog").find(text)).isTrue();
    }

    @Test
    void deepRecursionIsAbortedLikeAnExhaustedBudget() {
        // java.util.regex recurses once per repetition of an alternation group; 400,000 of them overflow the stack.
        String input = "ab".repeat(200_000);
        assertThat(engine.compile("^(?:a|b)*c").find(input)).isTrue();
        assertThat(engine.compile("^(?:a|b)*c").find("abab")).isFalse();
    }

    @ParameterizedTest(name = "[{index}] 920120 on \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "report.pdf              | false",
            "a;b.pdf                 | true",
            "caf&eacute;.pdf         | false",
            "M&auml;rz&amp;April.txt | false",
            "&Auml;;x                | true",
            "x&yuml;.txt             | false",
            "x&zuml;.txt             | true",
            "&apos;.txt              | false",
            "it''s.txt               | true",
            "a=b                     | true",
            ";                       | true",
    })
    void negativeLookbehindFollowsPcre(String fileName, boolean expected) {
        assertThat(engine.compile(RULE_920120).find(fileName)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] 942130 on \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "1=1                 | true",
            "x' OR 'a'='a        | true",
            "abc=ABC             | true",
            "1 != 2              | true",
            "1 != 1              | false",
            "id<>7               | true",
            "id<>id              | false",
            "a like a            | true",
            "name=alice          | false",
            "hello world         | false",
    })
    void backReferencesInNegativeLookaheadFollowPcre(String value, boolean expected) {
        assertThat(engine.compile(RULE_942130).find(value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] /{0}/ on \"{1}\" -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            // lookarounds
            "<\\?(?!xml)       | '<?xml version'   | false",
            "<\\?(?!xml)       | '<?php echo'      | true",
            "(?<=\\d)px        | 12px              | true",
            "(?<=\\d)px        | xpx               | false",
            "(?<![a-z])id      | uid               | false",
            "(?<![a-z])id      | '_id'             | true",
            // possessive quantifiers and atomic groups never give back
            "a*+a              | aaaa              | false",
            "a*+b              | aaab              | true",
            "(?>a+)a           | aaaa              | false",
            "^\\s*+;           | '  ;'             | true",
            // back references
            "(\\w)\\1          | abba              | true",
            "(\\w)\\1          | abcd              | false",
            "(?i)(a)\\1        | aA                | true",
            "(?P<q>['\"]).*(?P=q) | 'x\"y\"'        | true",
            // PCRE syntax java.util.regex spells differently
            "[[]               | '['               | true",
            "[a&&b]            | '&'               | true",
            "[a&&b]            | b                 | true",
            "x{,2}             | 'x{,2}'           | true",
            "x{,2}             | xx                | false",
            "a{2}              | aa                | true",
            "{                 | '{'               | true",
            "a\\Z              | 'a\\n'            | true",
            "a\\Z              | 'a\\r'            | false",
            "a\\Z              | 'a\\u0085'        | false",
            "a$                | 'a\\u0085'        | false",
            "[[:^digit:]]      | 7                 | false",
            "[[:^digit:]]      | x                 | true",
            "[[:word:]]+$      | abc_1             | true",
            "[[:space:]]       | '\\u000b'         | true",
            "(?#note)ab        | ab                | true",
            "\\Bel\\B          | yelp              | true",
            "\\Bel\\B          | hel               | false",
            "\\Bel\\B          | el                | false",
            "\\B\\x{e9}        | 'a\\u00e9'        | false",
    })
    void pcreSyntaxIsTranslatedExactly(String pattern, String input, boolean expected) {
        assertThat(engine.compile(pattern).find(unescape(input))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"(?|(a)|(b))", "(a)(?1)", "(?R)", "(?(1)a|b)", "(?U)a+", "(*UTF8)a", "(?P>n)",
            "[[:nope:]]", "a\\Kb", "(?<n_1>a)"})
    void constructsWithoutAnExactJavaFormAreRejected(String pattern) {
        assertThatThrownBy(() -> engine.compile(pattern)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(pattern);
    }
}
