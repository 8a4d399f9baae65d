package dev.aiguard.waf.internal.transform;

import static dev.aiguard.waf.internal.transform.ByteStringFixtures.apply;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** jsDecode, escapeSeqDecode and cssDecode; expected values from ModSecurity's tests where they exist. */
class EscapeDecodersTest {

    static Stream<Arguments> jsDecode() {
        return Stream.of(
                Arguments.of("", ""),
                Arguments.of("TestCase", "TestCase"),
                Arguments.of("Test\0Case", "Test\0Case"),
                Arguments.of("\\a\\b\\f\\n\\r\\t\\v\\?\\'\\\"\\0\\12\\123\\x00\\xff\\u0021\\uff01",
                        "\007\b\f\n\r\t\013?'\"\000\nS\000\377!!"),
                Arguments.of("\\a\\b\\f\\n\\r\\t\\v\0\\?\\'\\\"\\0\\12\\123\\x00\\xff\\u0021\\uff01",
                        "\007\b\f\n\r\t\013\000?'\"\000\nS\000\377!!"),
                Arguments.of("\\8\\9\\666\\u00ag\\u00ga\\u0zaa\\uz0aa\\xag\\xga\\0123\\u00a",
                        "8966u00agu00gau0zaauz0aaxagxga\n3u00a"),
                Arguments.of("\\x", "x"),
                Arguments.of("\\x\\x0", "xx0"),
                Arguments.of("\\x\\x0\0", "xx0\0"),
                Arguments.of("\\u", "u"),
                Arguments.of("\\u\\u0\\u01\\u012\0", "uu0u01u012\0"),
                Arguments.of("\\", "\\"),
                Arguments.of("\\\\0", "\\0"),
                Arguments.of("\\477", "'7"),
                Arguments.of("\\377\\400", "\377 0"),
                Arguments.of("\\u0041\\U0041\\X41", "AU0041X41"),
                Arguments.of("\\u00e9\\u2028\\uff5f", "\351(_"),
                Arguments.of("\\x3cscript\\x3e", "<script>"),
                Arguments.of("abc\\", "abc\\"),
                Arguments.of("\\\351", "\351"));
    }

    @ParameterizedTest
    @MethodSource("jsDecode")
    void jsDecodeDecodesJavaScriptEscapesToBytes(String input, String expected) {
        assertThat(apply("jsDecode", input)).isEqualTo(expected);
    }

    static Stream<Arguments> escapeSeqDecode() {
        return Stream.of(
                Arguments.of("", ""),
                Arguments.of("TestCase", "TestCase"),
                Arguments.of("\\a\\b\\f\\n\\r\\t\\v\\?\\'\\\"\\0\\12\\123\\x00\\xff",
                        "\007\b\f\n\r\t\013?'\"\000\nS\000\377"),
                Arguments.of("\\a\\b\\f\\n\\r\\t\\v\0\\?\\'\\\"\\0\\12\\123\\x00\\xff",
                        "\007\b\f\n\r\t\013\000?'\"\000\nS\000\377"),
                Arguments.of("\\8\\9\\666\\xag\\xga\\0123", "89\266xagxga\n3"),
                Arguments.of("\\x", "x"),
                Arguments.of("\\x\\x0", "xx0"),
                Arguments.of("\\x\\x0\0", "xx0\0"),
                Arguments.of("\\0", "\0"),
                Arguments.of("\\01", "\1"),
                Arguments.of("\\012", "\n"),
                Arguments.of("\\", "\\"),
                Arguments.of("\\\0", "\0"),
                Arguments.of("\\X41\\x4A", "AJ"),
                Arguments.of("\\\\n", "\\n"),
                Arguments.of("\\u0041", "u0041"),
                Arguments.of("\\q", "q"));
    }

    @ParameterizedTest
    @MethodSource("escapeSeqDecode")
    void escapeSeqDecodeDecodesAnsiCEscapes(String input, String expected) {
        assertThat(apply("escapeSeqDecode", input)).isEqualTo(expected);
    }

    static Stream<Arguments> cssDecode() {
        return Stream.of(
                Arguments.of("", ""),
                Arguments.of("TestCase", "TestCase"),
                Arguments.of("Test\0Case", "Test\0Case"),
                Arguments.of("test\\a\\b\\f\\n\\r\\t\\v\\?\\'\\\"\\0\\12\\123\\1234\\12345\\123456\\ff01\\ff5e\\\n\\0  string",
                        "test\n\013\017nrtv?'\"\000\022#4EV!~\000 string"),
                Arguments.of("test\\", "test"),
                Arguments.of("\\1A\\1 A\\1234567\\123456 7\\1x\\1 x", "\032\001AV7V7\001x\001x"),
                Arguments.of("\\0ff01\\1ff01\\00ff5e\\01ff5e", "!\001~^"),
                Arguments.of("\\ff5f\\ff00", "_\0"),
                Arguments.of("\\3c\tx\\3e\n", "<x>"),
                Arguments.of("\\\r\n", "\r\n"),
                Arguments.of("j\\61vascript", "javascript"),
                Arguments.of("\\\\", "\\"),
                Arguments.of("\\\351", "\351"));
    }

    @ParameterizedTest
    @MethodSource("cssDecode")
    void cssDecodeDecodesCss2Escapes(String input, String expected) {
        assertThat(apply("cssDecode", input)).isEqualTo(expected);
    }
}
