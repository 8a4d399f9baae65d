package dev.aiguard.waf.internal.body;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class JsonBodyTest {

    private static String flat(String json) {
        BodyResult r = JsonBody.parse(json.getBytes(StandardCharsets.UTF_8), 10, 100);
        assertThat(r.error()).isNull();
        return r.args().stream().map(p -> p.name() + "=" + p.value()).collect(Collectors.joining(";"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"a\":\"x\"}                         | json.a=x",
        "{\"a\":{\"b\":1,\"c\":true}}          | json.a.b=1;json.a.c=true",
        "{\"arr\":[1,\"two\",null]}            | json.arr=1;json.arr=two;json.arr=",
        "{\"a\":[{\"b\":1},[2]]}               | json.a.b=1;json.a=2",
        "[1,2]                                 | json=1;json=2",
        "\"scalar\"                            | json=scalar",
        "{\"k\\u0027\":\"v\\\"\"}              | json.k'=v\"",
        "{}                                    | ''",
    })
    void flattensIntoDottedArgumentNames(String json, String expected) {
        assertThat(flat(json)).isEqualTo(expected);
    }

    @Test
    void valuesAreUtf8ByteStrings() {
        assertThat(flat("{\"a\":\"\u00e9\"}")).isEqualTo("json.a=\u00c3\u00a9");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"a\":                  | JSON parsing error",
        "{\"a\":1,}               | JSON parsing error",
        "[[[[[[[[[[[[1]]]]]]]]]]]] | depth limit",
    })
    void malformedOrTooDeepJsonIsAnError(String json, String expected) {
        BodyResult r = JsonBody.parse(json.getBytes(StandardCharsets.UTF_8), 10, 100);
        assertThat(r.error()).contains(expected);
    }

    @Test
    void argumentLimitStopsParsingKeepingWhatCameBefore() {
        BodyResult r = JsonBody.parse("[1,2,3,4]".getBytes(StandardCharsets.UTF_8), 10, 2);
        assertThat(r.args()).hasSize(2);
        assertThat(r.error()).contains("argument limit");
    }
}
