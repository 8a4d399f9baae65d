package dev.aiguard.waf.crstest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FtwRequestBuilderTest {

    private static FtwInput input(String method, String data, boolean autocomplete, String... headers) {
        List<Map.Entry<String, String>> list = new ArrayList<>();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            list.add(new AbstractMap.SimpleImmutableEntry<>(headers[i], headers[i + 1]));
        }
        return new FtwInput("127.0.0.1", 80, method, "/post", "HTTP/1.1", list, data, null, autocomplete);
    }

    private static String build(FtwInput in) {
        return new String(FtwRequestBuilder.build(in), StandardCharsets.ISO_8859_1);
    }

    @Test
    void headersAreSortedAndStandardHeadersAdded() {
        assertThat(build(input("GET", null, true, "User-Agent", "ua", "Host", "localhost")))
                .isEqualTo("GET /post HTTP/1.1\r\nConnection: close\r\nHost: localhost\r\nUser-Agent: ua\r\n\r\n");
    }

    @Test
    void postWithoutBodyGetsContentLengthZero() {
        assertThat(build(input("POST", null, true, "Host", "h"))).contains("Content-Length: 0\r\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "var=1234 OR 1=1          | var=1234+OR+1%3D1",
        "a=<b>&c=d e              | a=%3Cb%3E&c=d+e",
        "already=%3Cencoded%3E    | already=%3Cencoded%3E",
        "plus=a+b                 | plus=a+b",
        "noequals                 | noequals",
    })
    void formBodiesAreEncodedUnlessTheyLookEncoded(String data, String expected) {
        String raw = build(input("POST", data, true, "Host", "h"));
        assertThat(raw).contains("Content-Type: application/x-www-form-urlencoded\r\n")
                .endsWith("\r\n\r\n" + expected)
                .contains("Content-Length: " + expected.length() + "\r\n");
    }

    @Test
    void existingContentTypeIsKeptWhateverItsCase() {
        String raw = build(input("POST", "<a>x y</a>", true, "Content-type", "application/xml"));
        assertThat(raw).contains("Content-type: application/xml\r\n").doesNotContain("Content-Type:")
                .endsWith("<a>x y</a>");
    }

    @Test
    void multipartBodiesGetCrlfLineEnds() {
        String raw = build(input("POST", "--b\nx\n--b--\n", true, "Content-Type", "multipart/form-data; boundary=b"));
        assertThat(raw).endsWith("\r\n\r\n--b\r\nx\r\n--b--\r\n");
    }

    @Test
    void withoutAutocompleteNothingIsAdded() {
        String raw = build(input("POST", "a b", false, "Host", "h"));
        assertThat(raw).isEqualTo("POST /post HTTP/1.1\r\nHost: h\r\n\r\na b");
    }

    @Test
    void encodedRequestIsSentVerbatim() {
        String raw = "GET /x HTTP/1.0\r\n\r\n";
        FtwInput in = new FtwInput("127.0.0.1", 80, "GET", "/", "HTTP/1.1", List.of(), null,
                Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.ISO_8859_1)), true);
        assertThat(build(in)).isEqualTo(raw);
    }
}
