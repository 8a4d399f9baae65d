package dev.aiguard.waf.internal.transform;

import static dev.aiguard.waf.internal.transform.ByteStringFixtures.apply;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** replaceComments, removeComments, removeCommentsChar; first rows are ModSecurity's own tests. */
class CommentsTest {

    static Stream<Arguments> replaceComments() {
        return Stream.of(
                Arguments.of("", ""),
                Arguments.of("TestCase", "TestCase"),
                Arguments.of("Test\0Case", "Test\0Case"),
                Arguments.of("/* TestCase */", " "),
                Arguments.of("/*TestCase*/", " "),
                Arguments.of("Before/* TestCase */After", "Before After"),
                Arguments.of("Before /* TestCase */ After", "Before   After"),
                Arguments.of("/* Test\r\nCase */", " "),
                Arguments.of("Before/* Test\r\nCase ", "Before "),
                Arguments.of("Before /* Test\nCase ", "Before  "),
                Arguments.of("Test\r\nCase */After", "Test\r\nCase */After"),
                Arguments.of("/*/", " "),
                Arguments.of("/**/", " "),
                Arguments.of("a*/b/*", "a*/b "),
                Arguments.of("SELECT/**/1/*x*/FROM", "SELECT 1 FROM"),
                Arguments.of("a-- b#c", "a-- b#c"));
    }

    @ParameterizedTest
    @MethodSource("replaceComments")
    void replaceCommentsTurnsEachCommentIntoOneSpace(String input, String expected) {
        assertThat(apply("replaceComments", input)).isEqualTo(expected);
    }

    /** libmodsecurity 3.0.x behaviour, quirks included (newer v2 releases differ). */
    static Stream<Arguments> removeComments() {
        return Stream.of(
                Arguments.of("", ""),
                Arguments.of("TestCase", "TestCase"),
                Arguments.of("/* TestCase */", "\0"),
                Arguments.of("Before/* TestCase */After", "BeforeAfter"),
                Arguments.of("Before TestCase */ After", "Before TestCase */ After"),
                Arguments.of("/*Before/* Test\r\nCase ", " "),
                Arguments.of("Before /* Test\nCase ", "Before  "),
                Arguments.of("Before/* T*/ /* e */\r\nCase ", "Before \r\nCase "),
                Arguments.of("SELECT/**//**/UNION", "SELECT/**/UNION"),
                Arguments.of("foo<!-- comment 1 --><!-- comment 2 -->bar", "foo<!"),
                Arguments.of("1 OR 1=1-- comment", "1 OR 1=1"),
                Arguments.of("a#b", "a"),
                Arguments.of("a/*x*/#b", "a#b"),
                Arguments.of("<!-- open", " "),
                Arguments.of("<!--x-->", "\0"));
    }

    @ParameterizedTest
    @MethodSource("removeComments")
    void removeCommentsDeletesComments(String input, String expected) {
        assertThat(apply("removeComments", input)).isEqualTo(expected);
    }

    static Stream<Arguments> removeCommentsChar() {
        return Stream.of(
                Arguments.of("", ""),
                Arguments.of("/*x*/", "x"),
                Arguments.of("a--b#c", "abc"),
                Arguments.of("<!--x-->", "x"),
                Arguments.of("-->", ""),
                Arguments.of("---", "-"),
                Arguments.of("/*/", "/"),
                Arguments.of("**//", "*/"),
                Arguments.of("SELECT/*!50000 1*/", "SELECT!50000 1"),
                Arguments.of("a-b*c/d<e!", "a-b*c/d<e!"));
    }

    @ParameterizedTest
    @MethodSource("removeCommentsChar")
    void removeCommentsCharDeletesOnlyTheMarkers(String input, String expected) {
        assertThat(apply("removeCommentsChar", input)).isEqualTo(expected);
    }
}
