package dev.aiguard.waf.internal.regex;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which patterns go to the backtracking fallback, and that nothing else does. */
class FallbackEngineTest {

    private static RegexEngine primary(String kind) {
        if (kind.equals("hyperscan")) {
            HyperscanEngineTest.assumeHyperscan();
            return new HyperscanEngine();
        }
        return new Re2jEngine();
    }

    @ParameterizedTest
    @ValueSource(strings = {"re2j", "hyperscan"})
    void patternsRe2jAcceptsNeverUseTheFallback(String kind) {
        try (FallbackEngine engine = new FallbackEngine(primary(kind))) {
            for (String pattern : new String[]{"a+b", "(?i)union\\s+select", "^(a+)+$", "x{2,3}", "[\\x80-\\xff]"}) {
                assertThat(engine.compile(pattern)).isNotInstanceOf(BacktrackingPattern.class);
            }
            assertThat(engine.fallbacks()).isEmpty();
            assertThat(engine.name()).isEqualTo(kind);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"re2j", "hyperscan"})
    void pcreOnlyPatternsUseTheFallbackAndAreListed(String kind) {
        try (FallbackEngine engine = new FallbackEngine(primary(kind))) {
            CompiledPattern lookbehind = engine.compile("(?<!&amp);");
            CompiledPattern possessive = engine.compile("^\\s*+;");
            assertThat(lookbehind).isInstanceOf(BacktrackingPattern.class);
            assertThat(lookbehind.find("a;")).isTrue();
            assertThat(lookbehind.find("&amp;")).isFalse();
            assertThat(possessive.find("  ;")).isTrue();
            assertThat(engine.fallbacks()).extracting(FallbackEngine.Use::pattern)
                    .containsExactly("(?<!&amp);", "^\\s*+;");
            assertThat(engine.fallbacks()).allSatisfy(u -> assertThat(u.reason()).contains("RE2/J"));
        }
    }

    @Test
    void aPatternNeitherCanCompileFailsWithBothReasons() {
        try (FallbackEngine engine = new FallbackEngine(new Re2jEngine())) {
            assertThatThrownBy(() -> engine.compile("(a)(?1)")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("RE2/J cannot compile")
                    .hasMessageContaining("not supported by the backtracking fallback");
            assertThat(engine.fallbacks()).isEmpty();
        }
    }

    @Test
    void aPrimaryRejectionOfWhatRe2jAcceptsStandsWithoutFallback() {
        RegexEngine picky = new RegexEngine() {
            @Override
            public String name() {
                return "picky";
            }

            @Override
            public CompiledPattern compile(String pattern) {
                throw new IllegalArgumentException("picky rejects " + pattern);
            }
        };
        try (FallbackEngine engine = new FallbackEngine(picky)) {
            assertThatThrownBy(() -> engine.compile("abc")).hasMessage("picky rejects abc");
            assertThat(engine.compile("(?<=a)b")).isInstanceOf(BacktrackingPattern.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"auto", "re2j"})
    void regexEnginesWrapEveryEngineInTheFallback(String kind) {
        try (RegexEngine engine = RegexEngines.select(kind)) {
            assertThat(engine).isInstanceOf(FallbackEngine.class);
            assertThat(engine.compile("(?<=a)b").find("ab")).isTrue();
        }
    }
}
