package dev.aiguard.waf.internal.regex;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegexEnginesTest {

    /** The value the build set (the RE2/J CI path runs with it on), restored after each test. */
    private final String original = System.getProperty(HyperscanAvailability.DISABLE_PROPERTY);

    @AfterEach
    void restoreProperty() {
        if (original == null) {
            System.clearProperty(HyperscanAvailability.DISABLE_PROPERTY);
        } else {
            System.setProperty(HyperscanAvailability.DISABLE_PROPERTY, original);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"re2j", "RE2J", " re2j "})
    void re2jIsAlwaysAvailable(String kind) {
        try (RegexEngine engine = RegexEngines.select(kind)) {
            assertThat(engine.name()).isEqualTo("re2j");
        }
    }

    @Test
    void autoPicksHyperscanWhenItsNativeLibraryWorks() {
        HyperscanEngineTest.assumeHyperscan();
        try (RegexEngine engine = RegexEngines.select("auto")) {
            assertThat(engine.name()).isEqualTo("hyperscan");
            assertThat(engine.compile("a+b").find("xaab")).isTrue();
        }
    }

    @Test
    void autoFallsBackToRe2jWhenHyperscanIsDisabled() {
        System.setProperty(HyperscanAvailability.DISABLE_PROPERTY, "true");
        try (RegexEngine engine = RegexEngines.select("auto")) {
            assertThat(engine.name()).isEqualTo("re2j");
        }
    }

    @Test
    void explicitHyperscanFailsClearlyWhenUnavailable() {
        System.setProperty(HyperscanAvailability.DISABLE_PROPERTY, "true");
        assertThat(HyperscanAvailability.current().reason()).contains(HyperscanAvailability.DISABLE_PROPERTY);
        assertThatThrownBy(() -> RegexEngines.select("hyperscan"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Hyperscan is not available")
                .hasMessageContaining(HyperscanAvailability.DISABLE_PROPERTY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pcre", "", "java"})
    void unknownKindIsRejected(String kind) {
        assertThatThrownBy(() -> RegexEngines.select(kind))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected auto, hyperscan or re2j");
    }
}
