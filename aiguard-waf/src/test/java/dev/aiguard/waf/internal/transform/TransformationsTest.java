package dev.aiguard.waf.internal.transform;

import static dev.aiguard.waf.internal.transform.ByteStringFixtures.isByteString;
import static dev.aiguard.waf.internal.transform.ByteStringFixtures.repeatTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TransformationsTest {

    /** Every transformation the CRS v4.28 rules use (FEATURES.md section 4) plus the rest of the set. */
    static final List<String> ALL_NAMES = List.of("none", "urlDecodeUni", "urlDecode", "lowercase", "uppercase",
            "jsDecode", "htmlEntityDecode", "utf8toUnicode", "removeNulls", "replaceNulls", "cssDecode", "cmdLine",
            "removeWhitespace", "compressWhitespace", "replaceComments", "removeComments", "removeCommentsChar",
            "normalizePath", "normalisePath", "normalizePathWin", "normalisePathWin", "escapeSeqDecode", "length",
            "base64Decode", "base64DecodeExt", "base64Encode", "sha1", "md5", "hexEncode", "hexDecode", "trim",
            "trimLeft", "trimRight", "sqlHexDecode", "parityEven7bit", "parityOdd7bit", "parityZero7bit");

    /** Names whose output is the input instance when the input has nothing to transform. */
    static final List<String> IDENTITY_ON_PLAIN_TEXT = List.of("none", "urlDecodeUni", "urlDecode", "lowercase",
            "jsDecode", "htmlEntityDecode", "utf8toUnicode", "removeNulls", "replaceNulls", "cssDecode", "cmdLine",
            "compressWhitespace", "replaceComments", "removeComments", "removeCommentsChar", "normalizePath",
            "normalizePathWin", "escapeSeqDecode", "sqlHexDecode", "trim", "trimLeft", "trimRight",
            "parityZero7bit");

    static Stream<String> allNames() {
        return ALL_NAMES.stream();
    }

    @ParameterizedTest
    @MethodSource("allNames")
    void byNameIsCaseInsensitive(String name) {
        Transformation exact = Transformations.byName(name);
        assertThat(Transformations.byName(name.toUpperCase(Locale.ROOT))).isSameAs(exact);
        assertThat(Transformations.byName(name.toLowerCase(Locale.ROOT))).isSameAs(exact);
        assertThat(exact.name()).isEqualToIgnoringCase(name.replace("normalise", "normalize"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"urlDecodeUnicode", "", "t:lowercase", " lowercase", "base64"})
    void byNameRejectsUnknownNamesNamingThem(String name) {
        assertThatThrownBy(() -> Transformations.byName(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'t:" + name + "'");
    }

    @Test
    void byNameRejectsNull() {
        assertThatThrownBy(() -> Transformations.byName(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noneIsARecognisableIdentity() {
        Transformation none = Transformations.byName("NONE");
        assertThat(none).isSameAs(Transformations.none());
        assertThat(Transformations.isNone(none)).isTrue();
        assertThat(Transformations.isNone(Transformations.byName("lowercase"))).isFalse();
        String value = "A%41";
        assertThat(none.apply(value)).isSameAs(value);
    }

    @Test
    void britishSpellingsAreAliases() {
        assertThat(Transformations.byName("normalisePath")).isSameAs(Transformations.byName("normalizePath"));
        assertThat(Transformations.byName("normalisePathWin")).isSameAs(Transformations.byName("normalizePathWin"));
    }

    @Test
    void catalogListsEveryName() {
        assertThat(Transformations.defaultCatalog().names())
                .containsExactlyInAnyOrderElementsOf(ALL_NAMES.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList());
    }

    static Stream<String> identityOnPlainText() {
        return IDENTITY_ON_PLAIN_TEXT.stream();
    }

    @ParameterizedTest
    @MethodSource("identityOnPlainText")
    void plainValueComesBackAsTheSameInstance(String name) {
        String value = new String("select id from users where name = ok"); // no escapes, comments, case
        assertThat(Transformations.byName(name).apply(value)).isSameAs(value);
    }

    @ParameterizedTest
    @MethodSource("allNames")
    void emptyInputIsHandled(String name) {
        String result = Transformations.byName(name).apply("");
        assertThat(result).isNotNull();
        assertThat(isByteString(result)).isTrue();
    }

    @ParameterizedTest
    @MethodSource("allNames")
    void randomBytesGiveByteStringsWithoutExceptions(String name) {
        Transformation transformation = Transformations.byName(name);
        Random random = new Random(name.hashCode());
        String alphabet = "%uUxX&#;\\/.*-<!>=+0123456789abcdefABCDEF \t\n\r\0\377\300\340\360\200";
        for (int round = 0; round < 2000; round++) {
            StringBuilder value = new StringBuilder();
            int length = random.nextInt(24);
            for (int i = 0; i < length; i++) {
                value.append(random.nextInt(3) == 0
                        ? (char) random.nextInt(256)
                        : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String result = transformation.apply(value.toString());
            assertThat(isByteString(result)).as("%s(%s)", name, value).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("allNames")
    void anUnchangedValueIsAlwaysTheInputInstance(String name) {
        Transformation transformation = Transformations.byName(name);
        Random random = new Random(~name.hashCode());
        String alphabet = "%uUxX&#;\\/.*-<!>=+01aAfF \t\0\200\240";
        for (int round = 0; round < 5000; round++) {
            StringBuilder value = new StringBuilder();
            int length = random.nextInt(6);
            for (int i = 0; i < length; i++) {
                value.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String input = value.toString();
            String result = transformation.apply(input);
            if (result.equals(input)) {
                assertThat(result).as("%s(%s)", name, input).isSameAs(input);
            }
        }
    }

    /** Repeated units that stress each decoder's slow path; "mixed" is all of them in turn. */
    static final List<String> HOSTILE_UNITS = List.of("%", "%u", "%uff0", "%41", "&", "&#", "&#x",
            "&#99999999999999999999999", "\\", "\\u", "\\1", "\\x4", "/*", "*/", "<!--", "--", "../", "./", "//",
            "\\..\\", "a..", "\300", "\340\200", "\360\200\200", "\302\240", " ", "\t ", "0x4", "=", "A", "\0");

    static Stream<Arguments> hostileInputs() {
        List<Arguments> cases = new ArrayList<>();
        for (String name : ALL_NAMES) {
            cases.add(Arguments.of(name, "mixed"));
            for (String unit : List.of("%u", "&#", "\\", "/*", "../", "\340\200")) {
                cases.add(Arguments.of(name, unit));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} on 1 MB of {1}")
    @MethodSource("hostileInputs")
    void oneMegabyteOfHostileInputStaysFast(String name, String pattern) {
        String unit = pattern.equals("mixed") ? String.join("", HOSTILE_UNITS) : pattern;
        String input = repeatTo(unit, 1 << 20);
        Transformation transformation = Transformations.byName(name);
        long start = System.nanoTime();
        String result = transformation.apply(input);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        assertThat(result).isNotNull();
        // Linear code does this in a few milliseconds; a quadratic one would take minutes.
        assertThat(elapsed).as("%s on %s", name, pattern).isLessThan(Duration.ofSeconds(2));
    }
}
