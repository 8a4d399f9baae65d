package dev.aiguard.waf.internal.transform;

import static dev.aiguard.waf.internal.transform.ByteStringFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Transformation chains exactly as CRS v4 rules spell them, on typical attack encodings. */
class CrsChainsTest {

    private static String run(String chain, String value) {
        return run(Transformations.defaultCatalog(), chain, value);
    }

    static final String XSS = "t:none,t:utf8toUnicode,t:urlDecodeUni,t:htmlEntityDecode,t:jsDecode,t:cssDecode,t:removeNulls";
    static final String LFI = "t:none,t:utf8toUnicode,t:urlDecodeUni,t:normalizePathWin";
    static final String RCE = "t:none,t:cmdLine,t:normalizePath";
    static final String NODE = "t:none,t:urlDecodeUni,t:jsDecode,t:removeWhitespace,t:base64Decode,t:urlDecodeUni,t:jsDecode,t:removeWhitespace";

    static Stream<Arguments> chains() {
        return Stream.of(
                Arguments.of(XSS, "%3Cscript%3Ealert(1)%3C/script%3E", "<script>alert(1)</script>"),
                Arguments.of(XSS, "&#x3c;svg/onload&#x3d;alert(1)&#x3e;", "<svg/onload=alert(1)>"),
                Arguments.of(XSS, "%26lt;img src=x onerror=\\u0061lert(1)%26gt;", "<img src=x onerror=alert(1)>"),
                // jsDecode runs first and reads \3 as an octal escape, so cssDecode never sees it.
                Arguments.of(XSS, "\\3c script\\3e", "\003c script\003e"),
                Arguments.of(XSS, "%uff1cscript%uff1e", "<script>"),
                Arguments.of(XSS, "<scr%00ipt>", "<script>"),
                Arguments.of(LFI, "..%5C..%5C..%5Cwindows%5Cwin.ini", "../../../windows/win.ini"),
                Arguments.of(LFI, "/foo/%2e%2e/%2e%2e/etc/./passwd", "/etc/passwd"),
                Arguments.of(RCE, "c\"a\"t /e't'c/pa^ss^wd", "cat/etc/passwd"),
                Arguments.of(RCE, "CAT  /ETC//PASSWD", "cat/etc/passwd"),
                Arguments.of(NODE, "X18kJE5EX0ZVTkMkJF9fZnVuY3Rpb24oKXt9", "__$$ND_FUNC$$__function(){}"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("chains")
    void crsChainsNormaliseEncodedAttacks(String chain, String input, String expected) {
        assertThat(run(chain, input)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void nonAsciiLettersTakeTheLowByteWithoutAUnicodeMap() {
        TransformationCatalog catalog = TransformationCatalog.create(UnicodeMap.none());
        assertThat(run(catalog, XSS, utf8("caf\u00e9"))).isEqualTo("caf\351");
    }

    @org.junit.jupiter.api.Test
    void nonAsciiLettersFoldToAsciiWithModSecuritysCodePage20127() throws java.io.IOException {
        String mapping = System.getProperty(Transformations.UNICODE_MAPPING_PROPERTY);
        org.junit.jupiter.api.Assumptions.assumeTrue(mapping != null && java.nio.file.Files.exists(java.nio.file.Path.of(mapping)),
                "ModSecurity unicode.mapping not found (set -D" + Transformations.UNICODE_MAPPING_PROPERTY + ")");
        TransformationCatalog catalog = TransformationCatalog.create(
                UnicodeMap.load(java.nio.file.Path.of(mapping), UnicodeMap.US_ASCII_CODE_PAGE));
        assertThat(run(catalog, XSS, utf8("caf\u00e9"))).isEqualTo("cafe");
    }

    private static String run(TransformationCatalog catalog, String chain, String value) {
        String result = value;
        for (String name : chain.split(",")) {
            result = catalog.byName(name.substring("t:".length())).apply(result);
        }
        return result;
    }
}
