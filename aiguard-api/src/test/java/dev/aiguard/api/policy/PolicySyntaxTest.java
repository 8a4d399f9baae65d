package dev.aiguard.api.policy;

import dev.aiguard.api.internal.policy.Durations;
import dev.aiguard.api.internal.policy.EnvSubstitution;
import dev.aiguard.api.internal.policy.KeyHints;
import dev.aiguard.api.internal.policy.KeyPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The small languages inside a policy: durations, {@code ${ENV}} references, key paths, and typo hints. */
class PolicySyntaxTest {

    @ParameterizedTest
    @CsvSource({"250us, 250000", "50ms, 50000000", "2s, 2000000000", "1m, 60000000000", "1h, 3600000000000",
            "7ns, 7", "0ms, 0", "' 5 ms ', 5000000"})
    void durationsAreAWholeNumberAndAUnit(String text, long nanos) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @ParameterizedTest
    @ValueSource(strings = {"50", "ms", "-5ms", "1.5s", "5 minutes", "PT5S", "5d", ""})
    void anythingElseIsNotADuration(String text) {
        assertThat(Durations.parse(text)).isNull();
    }

    private final EnvSubstitution env = new EnvSubstitution(Map.of("HOST", "db", "EMPTY", "")::get);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "plain text|plain text",
            "${HOST}|db",
            "tcp://${HOST}:5432/${HOST}|tcp://db:5432/db",
            "${MISSING:-fallback}|fallback",
            "${MISSING:-}|''",
            "${EMPTY:-set but empty}|set but empty",
            "${EMPTY}|''",
            "$${HOST}|${HOST}",
            "cost $5|cost $5"})
    void environmentReferencesExpand(String value, String expected) {
        assertThat(env.substitute(value).text()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "${MISSING}|environment variable 'MISSING' is not set (use ${MISSING:-default} for a default)",
            "${HOST|unterminated ${...} reference",
            "${1ABC}|invalid environment variable name in '${1ABC}'",
            "${}|invalid environment variable name in '${}'"})
    void badReferencesNameTheProblem(String value, String error) {
        EnvSubstitution.Result result = env.substitute(value);
        assertThat(result.text()).isNull();
        assertThat(result.error()).isEqualTo(error);
    }

    @ParameterizedTest
    @CsvSource({"bugdet, budget", "Budget, budget", "mdoe, mode", "failopen, failOpen", "stage, stages",
            "sampleAlowed, sampleAllowed"})
    void closeTyposGetAHint(String typo, String hint) {
        assertThat(KeyHints.closest(typo, List.of("type", "name", "mode", "budget", "failOpen", "rules", "stages",
                "sampleAllowed"))).isEqualTo(hint);
    }

    @ParameterizedTest
    @ValueSource(strings = {"colour", "x", "completelydifferent"})
    void farWordsGetNoHint(String word) {
        assertThat(KeyHints.closest(word, List.of("mode", "budget", "stages"))).isNull();
    }

    @Test
    void keyPathsQuoteKeysThatAreNotIdentifiersAndParseBack() {
        String path = KeyPaths.child(KeyPaths.index(KeyPaths.child("", "stages"), 2), "prompt.injection");

        assertThat(path).isEqualTo("stages[2][\"prompt.injection\"]");
        assertThat(KeyPaths.parse("stages[2][\"prompt.injection\"].x")).containsExactly("stages", 2, "prompt.injection", "x");
        assertThat(KeyPaths.parse("limits[0].tokens")).containsExactly("limits", 0, "tokens");
        assertThat(KeyPaths.parse("limits[zero].tokens")).containsExactly("limits");
        assertThat(KeyPaths.join("stages[1]", "limits[0]")).isEqualTo("stages[1].limits[0]");
        assertThat(KeyPaths.join("stages[1]", "[\"a.b\"]")).isEqualTo("stages[1][\"a.b\"]");
        assertThat(KeyPaths.join("stages[1]", "")).isEqualTo("stages[1]");
    }
}
