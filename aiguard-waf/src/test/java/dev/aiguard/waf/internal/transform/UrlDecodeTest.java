package dev.aiguard.waf.internal.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UrlDecodeTest {

    private static final Transformation URL_DECODE_UNI_FALLBACK =
            TransformationCatalog.create(UnicodeMap.none()).byName("urlDecodeUni");

    /** Expected values from ModSecurity's own transformation tests where they exist. */
    static Stream<Arguments> urlDecodeUniWithoutTable() {
        return Stream.of(
                Arguments.of("", ""),
                Arguments.of("TestCase", "TestCase"),
                Arguments.of("Test\0Case", "Test\0Case"),
                Arguments.of("Test+Case", "Test Case"),
                Arguments.of("+%00%01%20%7f%80%ff%2F%2f", " \0\1 \177\200\377//"),
                Arguments.of("%u0041%U0042", "AB"),
                Arguments.of("%u1141", "A"),
                Arguments.of("%u00e9", "\351"),
                Arguments.of("%uff01%uff5e%uFF1C", "!~<"),
                Arguments.of("%uff00%uff5f%uff7f", "\0_\177"),
                Arguments.of("%+", "% "),
                Arguments.of("%%20", "% "),
                Arguments.of("%0g%20", "%0g "),
                Arguments.of("%0%20", "%0 "),
                Arguments.of("%g0%20", "%g0 "),
                Arguments.of("%%u0020", "% "),
                Arguments.of("%u%u0020", "%u "),
                Arguments.of("%u0%u0020", "%u0 "),
                Arguments.of("%u00%u0020", "%u00 "),
                Arguments.of("%u000%u0020", "%u000 "),
                Arguments.of("%u000g%u0020", "%u000g "),
                Arguments.of("%u%41", "%uA"),
                Arguments.of("%", "%"),
                Arguments.of("%0", "%0"),
                Arguments.of("%%", "%%"),
                Arguments.of("%0g", "%0g"),
                Arguments.of("%gg", "%gg"),
                Arguments.of("%u", "%u"),
                Arguments.of("%u004", "%u004"),
                Arguments.of("%2527", "%27"),
                Arguments.of("\351%41\377", "\351A\377"));
    }

    @ParameterizedTest
    @MethodSource("urlDecodeUniWithoutTable")
    void urlDecodeUniDecodesPercentAndPercentUWithLowByteFallback(String input, String expected) {
        assertThat(URL_DECODE_UNI_FALLBACK.apply(input)).isEqualTo(expected);
    }

    static Stream<Arguments> urlDecode() {
        return Stream.of(
                Arguments.of("", ""),
                Arguments.of("a+b%20c", "a b c"),
                Arguments.of("%3Cscript%3e", "<script>"),
                Arguments.of("%u0041", "%u0041"),
                Arguments.of("%uff01", "%uff01"),
                Arguments.of("%", "%"),
                Arguments.of("%4", "%4"),
                Arguments.of("%4g%41", "%4gA"),
                Arguments.of("100%", "100%"),
                Arguments.of("%00", "\0"),
                Arguments.of("%ff%FF", "\377\377"));
    }

    @ParameterizedTest
    @MethodSource("urlDecode")
    void urlDecodeLeavesPercentUAlone(String input, String expected) {
        assertThat(ByteStringFixtures.apply("urlDecode", input)).isEqualTo(expected);
    }

    @Test
    void unchangedInputIsReturnedAsTheSameInstance() {
        String invalid = new String("100% %zz %u12");
        assertThat(ByteStringFixtures.apply("urlDecode", invalid)).isSameAs(invalid);
        assertThat(URL_DECODE_UNI_FALLBACK.apply(invalid)).isSameAs(invalid);
    }

    @Test
    void unicodeMapParsesTheRequestedCodePageOnly() {
        String text = "(MAC - Roman)\r\n\r\n1250  (ANSI - Central Europe)\r\n00e9:41 0100:41 \r\n\r\n"
                + "20127 (US-ASCII)\r\n00e9:65 2018:27 ff01:2f \r\n\r\n20261 (T.61)\r\nf8dd:5c\r\n";
        short[] table = UnicodeMap.parse(text, 20127);
        assertThat(table).isNotNull();
        assertThat(table[0xe9]).isEqualTo((short) 'e');
        assertThat(table[0x2018]).isEqualTo((short) '\'');
        assertThat(table[0xff01]).isEqualTo((short) '/');
        assertThat(table[0x100]).isEqualTo((short) -1);
        assertThat(table[0xf8dd]).isEqualTo((short) -1);
        assertThat(UnicodeMap.parse(text, 437)).isNull();
    }

    static Path unicodeMappingFile() {
        String crsDir = System.getProperty("aiguard.crs.dir", System.getenv("AIGUARD_CRS_DIR"));
        Path file = crsDir == null ? null : Path.of(crsDir).resolveSibling("modsecurity").resolve("unicode.mapping");
        assumeTrue(file != null && Files.isReadable(file),
                "ModSecurity unicode.mapping not found beside the CRS directory (set aiguard.crs.dir); skipping");
        return file;
    }

    static Stream<Arguments> codePage20127() {
        return Stream.of(
                Arguments.of("%u00e9", "e"),
                Arguments.of("%u00C0", "A"),
                Arguments.of("%u2018%u2019%u201c", "''\""),
                Arguments.of("%u02dc", "~"),
                Arguments.of("%uff0f", "/"),
                Arguments.of("%uff01", "!"),
                Arguments.of("%u0041", "A"),      // no entry: low byte
                Arguments.of("%u4e2d", "-"),       // no entry: low byte 0x2d
                Arguments.of("%uff5f", "_"),      // no entry, outside full-width ASCII
                Arguments.of("1%u2019 OR 1=1", "1' OR 1=1"));
    }

    @ParameterizedTest
    @MethodSource("codePage20127")
    void urlDecodeUniMapsPercentUThroughCodePage20127(String input, String expected) throws IOException {
        UnicodeMap map = UnicodeMap.load(unicodeMappingFile(), UnicodeMap.US_ASCII_CODE_PAGE);
        assertThat(TransformationCatalog.create(map).byName("urlDecodeUni").apply(input)).isEqualTo(expected);
        assertThat(map.source()).contains("20127");
    }

    @Test
    void loadingAMissingCodePageFailsClearly() {
        Path file = unicodeMappingFile();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> UnicodeMap.load(file, 12345))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("12345");
    }

    @Test
    void defaultCatalogFallsBackWithoutConfiguredFile() {
        assumeTrue(System.getProperty(Transformations.UNICODE_MAPPING_PROPERTY) == null
                && System.getenv("AIGUARD_UNICODE_MAPPING") == null, "a mapping file is configured");
        assertThat(Transformations.defaultCatalog().unicodeMap()).isSameAs(UnicodeMap.none());
        assertThat(ByteStringFixtures.apply("urlDecodeUni", "%u00e9")).isEqualTo("\351");
    }
}
