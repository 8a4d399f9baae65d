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
        String result = value;
        for (String name : chain.split(",")) {
            result = Transformations.byName(name.substring("t:".length())).apply(result);
        }
        return result;
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
                Arguments.of(XSS, utf8("caf\u00e9"), "caf\351"),
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
}
