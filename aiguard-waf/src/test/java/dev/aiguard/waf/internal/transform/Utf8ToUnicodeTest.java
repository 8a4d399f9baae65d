package dev.aiguard.waf.internal.transform;

import static dev.aiguard.waf.internal.transform.ByteStringFixtures.apply;
import static dev.aiguard.waf.internal.transform.ByteStringFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Utf8ToUnicodeTest {

    static Stream<Arguments> utf8toUnicode() {
        return Stream.of(
                Arguments.of("", ""),
                Arguments.of("TestCase", "TestCase"),
                Arguments.of(utf8("\u00e9"), "%u00e9"),
                Arguments.of(utf8("\u0100 \u0101 \u017f"), "%u0100 %u0101 %u017f"),
                Arguments.of(utf8("\u0450\u05d0\u25a0\u27ff"), "%u0450%u05d0%u25a0%u27ff"),
                Arguments.of(utf8("\u20ac"), "%u20ac"),
                Arguments.of(utf8("\uff1cscript\uff1e"), "%uff1cscript%uff1e"),
                Arguments.of(utf8("\ud83d\ude00"), "%u1f600"),
                Arguments.of(utf8("\udbff\udfff"), "%u10ffff"),
                // NUL bytes disappear (ModSecurity handles the value as a C string).
                Arguments.of("a\0b\0", "ab"),
                // Over-long forms and surrogates: the %u form, then the lead byte again.
                Arguments.of("\300\257", "%u002f\300"),
                Arguments.of("\340\200\257", "%u002f\340"),
                Arguments.of("\355\240\200", "%ud800\355"),
                Arguments.of("\360\215\240\200", "%ud800\360\360"),
                Arguments.of("\360\200\201\201", "%u0041\360"),
                // Lead bytes without their continuation bytes are dropped.
                Arguments.of("\303", ""),
                Arguments.of("a\303", "a"),
                Arguments.of("\303a", "a"),
                Arguments.of("\303\303\251", "%u00e9"),
                Arguments.of("\342\202", "\202"),
                Arguments.of("\360\237\230", "\237\230"),
                // Stray continuation bytes and 0xF8-0xFF stay as they are.
                Arguments.of("\200\277", "\200\277"),
                Arguments.of("\370\377", "\370\377"),
                // Four-byte leads beyond U+10FFFF are written out first.
                Arguments.of("\365\200\200\200", "\365%u140000"),
                Arguments.of("\365", "\365"));
    }

    @ParameterizedTest
    @MethodSource("utf8toUnicode")
    void utf8toUnicodeWritesMultiByteSequencesAsPercentU(String input, String expected) {
        assertThat(apply("utf8toUnicode", input)).isEqualTo(expected);
    }
}
