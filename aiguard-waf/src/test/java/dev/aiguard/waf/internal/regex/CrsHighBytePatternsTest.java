package dev.aiguard.waf.internal.regex;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The nine CRS patterns that spell bytes 0x80-0xFF, run on raw bytes in both engines. Inputs are
 * UTF-8 text turned into byte strings, as the WAF sees request bytes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrsHighBytePatternsTest {

    private final List<RegexEngine> engines = new ArrayList<>();
    private List<CrsTestData.RxStatement> statements;

    @BeforeAll
    void engines() {
        statements = CrsTestData.rxStatements();
        engines.add(new Re2jEngine());
        if (HyperscanAvailability.current().available()) {
            engines.add(new HyperscanEngine());
        }
    }

    @AfterAll
    void close() {
        engines.forEach(RegexEngine::close);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("933180", 0, "$\u00e9t\u00e9()", true),
                Arguments.of("933180", 0, "$()", false),
                Arguments.of("934120", 0, "acap://\u2460\u2461\u2466.\u24ea.\u24ea.\u2460", true),
                Arguments.of("941310", 0, "\u00bcscript\u00bealert(1)\u00bc/script\u00be", true),
                Arguments.of("941310", 0, "script alert", false),
                Arguments.of("941310", 1, "\u00bc/script\u00be", true),
                Arguments.of("942420", 0, "\u00b4a\u00b4b\u00b4c\u00b4d\u00b4e\u00b4f\u00b4g\u00b4h", true),
                Arguments.of("942421", 0, "\u00b4a\u00b4b\u00b4", true),
                Arguments.of("942421", 0, "\u00e2a\u00e2b\u00e2", false),
                Arguments.of("942430", 0, "\u2018a\u2019".repeat(6), true),
                Arguments.of("942431", 0, "\u2018\u2019\u2018\u2019\u2018\u2019", true),
                Arguments.of("942432", 0, "x\u2019y\u2018", true),
                Arguments.of("942432", 0, "x\u00c2\u00b4", false));
    }

    @ParameterizedTest(name = "[{index}] {0} on \"{2}\" -> {3}")
    @MethodSource("cases")
    void highBytePatternsMatchUtf8Bytes(String ruleId, int occurrence, String text, boolean expected) {
        String pattern = statements.stream().filter(s -> s.ruleId().equals(ruleId))
                .skip(occurrence).findFirst().orElseThrow().pattern();
        String bytes = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        for (RegexEngine engine : engines) {
            assertThat(engine.compile(pattern).find(bytes)).as(engine.name()).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "[{index}] 944200 on Java serialization magic")
    @MethodSource("serializationCases")
    void javaSerializationMagicIsMatchedAsBytes(String bytes, boolean expected) {
        String pattern = statements.stream().filter(s -> s.ruleId().equals("944200"))
                .findFirst().orElseThrow().pattern();
        for (RegexEngine engine : engines) {
            assertThat(engine.compile(pattern).find(bytes)).as(engine.name()).isEqualTo(expected);
        }
    }

    static Stream<Arguments> serializationCases() {
        return Stream.of(
                Arguments.of("\u00ac\u00ed\u0000\u0005sr\u0000", true),
                Arguments.of("\u00ac\u00ed\u0000\u0006", false),
                // the UTF-8 encoding of U+00AC U+00ED is not the magic
                Arguments.of("\u00c2\u00ac\u00c3\u00ad\u0000\u0005", false));
    }
}
