package dev.aiguard.waf.internal.seclang;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ArgumentTokenizerTest {

    static Stream<Arguments> lines() {
        return Stream.of(
                Arguments.of("SecRuleEngine On", List.of("SecRuleEngine", "On")),
                Arguments.of("  SecMarker\t END-X  ", List.of("SecMarker", "END-X")),
                Arguments.of("SecMarker \"END X\"", List.of("SecMarker", "END X")),
                Arguments.of("SecMarker 'END X'", List.of("SecMarker", "END X")),
                Arguments.of("SecRule ARGS \"@rx a\\\"b\"", List.of("SecRule", "ARGS", "@rx a\"b")),
                Arguments.of("SecRule ARGS \"@rx \\d+\\.\\x5c\"", List.of("SecRule", "ARGS", "@rx \\d+\\.\\x5c")),
                Arguments.of("SecRule ARGS \"@rx a\\\\\" \"id:1\"", List.of("SecRule", "ARGS", "@rx a\\\\", "id:1")),
                Arguments.of("SecRule ARGS \"msg:'it\\'s'\"", List.of("SecRule", "ARGS", "msg:'it\\'s'")),
                Arguments.of("SecMarker 'it\\'s'", List.of("SecMarker", "it's")),
                Arguments.of("SecRule ARGS \"\"", List.of("SecRule", "ARGS", "")),
                Arguments.of("SecRule REQUEST_COOKIES:/\\x22?\\x24Version/ \"@streq 1\"",
                        List.of("SecRule", "REQUEST_COOKIES:/\\x22?\\x24Version/", "@streq 1")),
                Arguments.of("SecRule ARGS:it's \"x\"", List.of("SecRule", "ARGS:it's", "x")));
    }

    @ParameterizedTest
    @MethodSource("lines")
    void splitsDirectiveAndArguments(String line, List<String> tokens) {
        assertThat(ArgumentTokenizer.tokenize(line)).containsExactlyElementsOf(tokens);
    }
}
