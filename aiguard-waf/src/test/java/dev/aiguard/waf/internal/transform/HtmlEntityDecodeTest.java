package dev.aiguard.waf.internal.transform;

import static dev.aiguard.waf.internal.transform.ByteStringFixtures.apply;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HtmlEntityDecodeTest {

    /** The first rows are ModSecurity's own htmlEntityDecode tests. */
    static Stream<Arguments> htmlEntityDecode() {
        return Stream.of(
                Arguments.of("", ""),
                Arguments.of("TestCase", "TestCase"),
                Arguments.of("Test\0Case", "Test\0Case"),
                Arguments.of("&#x0;&#X0;&#x20;&#X20;&#0;&#32;\0&#100;&quot;&amp;&lt;&gt;&nbsp;",
                        "\0\0  \0 \0d\"&<>\240"),
                Arguments.of("&#x0&#X0&#x20&#X20&#0&#32\0&#100&quot&amp&lt&gt&nbsp",
                        "\0\0  \0 \0d\"&<>\240"),
                Arguments.of("&#xg;&#Xg;&#xg0;&#X2g;&#a;\0&#a2;&#3a&#a00;&#1a0;&#10a;&foo;",
                        "&#xg;&#Xg;&#xg0;\002g;&#a;\0&#a2;\003a&#a00;\001a0;\na;&foo;"),
                Arguments.of("&#xg&#Xg&#xg0&#X2g&#a\0&#a2&#3a&#a00&#1a0&#10a&foo",
                        "&#xg&#Xg&#xg0\002g&#a\0&#a2\003a&#a00\001a0\na&foo"),
                Arguments.of("&LT;script&Gt;", "<script>"),
                Arguments.of("&ltscript", "&ltscript"),
                Arguments.of("&#60;&#x3c;&#X3C", "<<<"),
                Arguments.of("&#x13c;&#316;", "<<"),
                Arguments.of("&#99999999999999999999;&#xfffffffffffffffffff;", "\377\377"),
                Arguments.of("&#9223372036854775807;", "\377"),
                Arguments.of("&", "&"),
                Arguments.of("&#", "&#"),
                Arguments.of("&#x", "&#x"),
                Arguments.of("&#x;", "&#x;"),
                Arguments.of("&&lt;", "&<"),
                Arguments.of("&#&#65;", "&#A"),
                Arguments.of("&foo&lt;", "&foo<"),
                Arguments.of("javascript&colon;alert(1)&apos;", "javascript&colon;alert(1)&apos;"),
                Arguments.of("&#0000065;", "A"),
                Arguments.of("a&;b", "a&;b"),
                Arguments.of("\351&amp;\377", "\351&\377"));
    }

    @ParameterizedTest
    @MethodSource("htmlEntityDecode")
    void htmlEntityDecodeDecodesNumericAndFiveNamedEntities(String input, String expected) {
        assertThat(apply("htmlEntityDecode", input)).isEqualTo(expected);
    }
}
