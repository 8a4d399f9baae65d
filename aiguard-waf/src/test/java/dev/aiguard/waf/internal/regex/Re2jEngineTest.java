package dev.aiguard.waf.internal.regex;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine contract on RE2/J, plus the CRS compile check that must hold where Hyperscan is missing. */
class Re2jEngineTest extends RegexEngineContract {

    @Override
    RegexEngine newEngine() {
        return new Re2jEngine();
    }

    @Test
    void everyCrsRxPatternCompiles() {
        Re2jEngine engine = new Re2jEngine();
        assertThat(CrsTestData.rxStatements()).hasSize(318)
                .allSatisfy(s -> assertThat(engine.compile(s.pattern()).pattern()).isEqualTo(s.pattern()));
    }
}
