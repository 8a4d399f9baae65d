package dev.aiguard.waf.internal.operator;

import dev.aiguard.waf.internal.regex.HyperscanAvailability;
import dev.aiguard.waf.internal.regex.HyperscanEngine;
import dev.aiguard.waf.internal.regex.Re2jEngine;
import dev.aiguard.waf.internal.regex.RegexEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RxAndFactoryTest {

    static Stream<Arguments> engines() {
        Stream<Supplier<RegexEngine>> engines = HyperscanAvailability.current().available()
                ? Stream.of(Re2jEngine::new, HyperscanEngine::new)
                : Stream.of(Re2jEngine::new);
        return engines.map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void rxCapturesWholeMatchAndGroupsWhenAsked(Supplier<RegexEngine> engines) {
        try (RegexEngine engine = engines.get()) {
            Operator rx = Operators.create("rx", "(?i)(union)\\s+(all\\s+)?(select)", new OperatorEnv(Path.of("."), engine));
            RecordingContext capturing = RecordingContext.capturing();
            assertThat(rx.evaluate("1 UNION SELECT 2", capturing)).isTrue();
            assertThat(capturing.captures).containsExactly(List.of("UNION SELECT", "UNION", "", "SELECT"));
            RecordingContext plain = RecordingContext.plain();
            assertThat(rx.evaluate("1 UNION SELECT 2", plain)).isTrue();
            assertThat(plain.captures).isEmpty();
            assertThat(rx.evaluate("union only", capturing)).isFalse();
            assertThat(capturing.captures).hasSize(1);
        }
    }

    @Test
    void rxCapturesAtMostNineGroups() {
        Operator rx = Operators.create("rx", "(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)", new OperatorEnv(Path.of("."), new Re2jEngine()));
        RecordingContext context = RecordingContext.capturing();
        assertThat(rx.evaluate("abcdefghij", context)).isTrue();
        assertThat(context.captures.get(0)).hasSize(10).endsWith("i");
    }

    @Test
    void rxDoesNotExpandMacros() {
        Operator rx = Operators.create("rx", "^%\\{tx\\.x}$", new OperatorEnv(Path.of("."), new Re2jEngine()));
        RecordingContext context = RecordingContext.plain();
        assertThat(rx.evaluate("%{tx.x}", context)).isTrue();
        assertThat(context.expansions).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"RX", "Rx", "pM", "CONTAINS", "unconditionalMatch", "UNCONDITIONALMATCH"})
    void operatorNamesAreCaseInsensitive(String name) {
        assertThat(Operators.create(name, "a", new OperatorEnv(Path.of("."), new Re2jEngine()))).isNotNull();
    }

    @Test
    void unconditionalMatchAndNoMatchIgnoreTheValue() {
        OperatorEnv env = new OperatorEnv(Path.of("."), new Re2jEngine());
        assertThat(Operators.create("unconditionalMatch", "", env).evaluate("", RecordingContext.plain())).isTrue();
        assertThat(Operators.create("noMatch", null, env).evaluate("x", RecordingContext.plain())).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"geoLookup", "rbl"})
    void lookupOperatorsWithoutADatabaseOrNetworkNeverMatch(String name) {
        OperatorEnv env = new OperatorEnv(Path.of("."), new Re2jEngine());
        assertThat(Operators.create(name, "", env).evaluate("203.0.113.7", RecordingContext.plain())).isFalse();
        assertThat(Operators.create(name, "sbl-xbl.spamhaus.org", env).evaluate("127.0.0.2", RecordingContext.plain())).isFalse();
    }

    @Test
    void unknownOperatorsAndBadArgumentsFailClearly() {
        OperatorEnv env = new OperatorEnv(Path.of("."), new Re2jEngine());
        assertThatThrownBy(() -> Operators.create("verifyCC", "x", env))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown operator '@verifyCC'");
        assertThatThrownBy(() -> Operators.create(null, "x", env)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Operators.create("rx", "(unclosed", env))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("@rx:");
        assertThatThrownBy(() -> Operators.create("rx", "a", new OperatorEnv(Path.of("."), null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("regex engine");
    }

    @Test
    void detectorOperatorsReportWhatWasRecognisedAsCapture() {
        Operator op = new DetectorOperator(v -> v.contains("1=1") ? Optional.of("s&1") : Optional.empty());
        RecordingContext context = RecordingContext.capturing();
        assertThat(op.evaluate("x' or 1=1", context)).isTrue();
        assertThat(context.captures).containsExactly(List.of("s&1"));
        assertThat(op.evaluate("hello", context)).isFalse();
        RecordingContext plain = RecordingContext.plain();
        assertThat(op.evaluate("1=1", plain)).isTrue();
        assertThat(plain.captures).isEmpty();
    }

    @Test
    void detectSqliAndDetectXssAreWiredToTheDetectors() {
        OperatorEnv env = new OperatorEnv(Path.of("."), new Re2jEngine());
        assertThat(Operators.create("detectSQLi", "", env).evaluate("hello world", RecordingContext.plain())).isFalse();
        assertThat(Operators.create("detectXSS", "", env).evaluate("hello world", RecordingContext.plain())).isFalse();
    }
}
