package dev.aiguard.waf.internal.operator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PhraseMatcherTest {

    private static final PhraseMatcher CLASSIC = PhraseMatcher.of(List.of("he", "she", "his", "hers"));

    @ParameterizedTest(name = "[{index}] ''{0}'' -> {1}")
    @CsvSource(quoteCharacter = '\'', value = {
            "ushers,  she",
            "hishers, his",
            "ahxhe,   he",
            "SHE,     she",
            "xyz,     ",
            "'',      ",
            "hhhhhe,  he",
    })
    void findsThePhraseEndingFirstFollowingFailureLinks(String input, String expected) {
        assertThat(CLASSIC.findFirst(input)).isEqualTo(expected);
    }

    @Test
    void reportsTheLongestPhraseEndingAtTheSameByte() {
        PhraseMatcher m = PhraseMatcher.of(List.of("select", "elect", "ct"));
        assertThat(m.findFirst("xselectx")).isEqualTo("select");
        assertThat(m.findFirst("elect")).isEqualTo("elect");
    }

    @Test
    void foldsAsciiOnlyAndMatchesHighBytes() {
        PhraseMatcher m = PhraseMatcher.of(List.of("\u00c9t\u00e9", "nul\u0000byte"));
        assertThat(m.findFirst("x\u00c9T\u00e9")).isEqualTo("\u00c9t\u00e9");
        assertThat(m.findFirst("\u00e9t\u00e9")).isNull();
        assertThat(m.findFirst("NUL\u0000BYTE")).isEqualTo("nul\u0000byte");
    }

    @Test
    void emptyPhrasesAreIgnored() {
        PhraseMatcher m = PhraseMatcher.of(List.of("", "x"));
        assertThat(m.size()).isEqualTo(1);
        assertThat(m.findFirst("abc")).isNull();
        assertThat(PhraseMatcher.of(List.of("")).findFirst("abc")).isNull();
    }

    @Test
    void scansLargeInputsWithManyPhrasesInLinearTime() {
        List<String> phrases = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            phrases.add("a".repeat(i % 50 + 1) + "b" + i + ";");
        }
        PhraseMatcher m = PhraseMatcher.of(phrases);
        String input = "a".repeat(2_000_000);
        long start = System.nanoTime();
        assertThat(m.findFirst(input)).isNull();
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
        assertThat(m.findFirst(input + "b4999;")).isEqualTo("a".repeat(50) + "b4999;");
    }
}
