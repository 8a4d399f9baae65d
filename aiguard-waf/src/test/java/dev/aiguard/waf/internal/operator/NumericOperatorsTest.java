package dev.aiguard.waf.internal.operator;

import dev.aiguard.waf.internal.regex.Re2jEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NumericOperatorsTest {

    private static final OperatorEnv ENV = new OperatorEnv(Path.of("."), new Re2jEngine());

    @ParameterizedTest(name = "[{index}] ''{2}'' @{0} ''{1}'' -> {3}")
    @CsvSource(quoteCharacter = '\'', value = {
            "eq, 0,    0,        true",
            "eq, 0,    '',       true",
            "eq, 0,    abc,      true",
            "eq, 5,    5abc,     true",
            "eq, 5,    ' 5',     true",
            "eq, 5,    '+5',     true",
            "eq, -5,   '-5',     true",
            "eq, 5,    '5.9',    true",
            "eq, 1,    x1,       false",
            "ne, 1,    2,        true",
            "ne, 1,    1,        false",
            "gt, 400,  401,      true",
            "gt, 400,  400,      false",
            "ge, 400,  400,      true",
            "ge, 5,    4,        false",
            "lt, 2,    1,        true",
            "lt, 2,    2,        false",
            "lt, 2,    '',       true",
            "le, 2,    2,        true",
            "le, 2,    3,        false",
            "gt, 0,    99999999999999999999999, true",
            "lt, 0,    -99999999999999999999999, true",
            "eq, abc,  0,        true",
    })
    void comparesLeadingIntegersLikeAtoi(String op, String argument, String value, boolean expected) {
        assertThat(Operators.create(op, argument, ENV).evaluate(value, RecordingContext.plain())).isEqualTo(expected);
    }

    @Test
    void macroArgumentIsReadAtEachEvaluation() {
        Operator ge = Operators.create("ge", "%{tx.inbound_anomaly_score_threshold}", ENV);
        assertThat(ge.evaluate("5", new RecordingContext(Map.of("tx.inbound_anomaly_score_threshold", "5"), false)))
                .isTrue();
        assertThat(ge.evaluate("5", new RecordingContext(Map.of("tx.inbound_anomaly_score_threshold", "10"), false)))
                .isFalse();
        assertThat(ge.evaluate("0", new RecordingContext(Map.of(), false))).isTrue();
    }

    @Test
    void parseLeadingIntegerStopsAtFirstNonDigit() {
        assertThat(NumericComparison.parseLeadingInteger("\t\n 42 apples")).isEqualTo(42);
        assertThat(NumericComparison.parseLeadingInteger("- 4")).isZero();
        assertThat(NumericComparison.parseLeadingInteger("--4")).isZero();
    }
}
