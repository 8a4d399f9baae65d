package dev.aiguard.waf.internal.body;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The exact JSON paths {@link JsonBody} reports beside the ModSecurity argument names (used for prompt scoping). */
class JsonBodyPathsTest {

    private static List<String> paths(String json) {
        List<String> paths = new ArrayList<>();
        BodyResult r = JsonBody.parse(json.getBytes(StandardCharsets.UTF_8), 64, 1000, paths);
        assertThat(paths).hasSameSizeAs(r.args());
        return paths;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"model":"m","n":1}                                                  | model,n
            {"messages":[{"role":"user","content":"hi"}]}                        | messages[0].role,messages[0].content
            {"messages":[{"content":[{"type":"text","text":"a"},{"text":"b"}]}]} | messages[0].content[0].type,messages[0].content[0].text,messages[0].content[1].text
            {"input":["a","b"],"x":{"y":[[1],[2,3]]}}                            | input[0],input[1],x.y[0][0],x.y[1][0],x.y[1][1]
            ["a",{"b":null}]                                                     | [0],[1].b
            "top"                                                                | ''
            """)
    void pathsNameMembersWithDotsAndElementsWithIndexes(String json, String expected) {
        assertThat(String.join(",", paths(json))).isEqualTo(expected);
    }

    @Test
    void argumentNamesAreUnchangedWhenPathsAreAsked() {
        byte[] body = "{\"messages\":[{\"content\":\"x\"}],\"model\":\"m\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(JsonBody.parse(body, 64, 1000, new ArrayList<>()).args())
                .isEqualTo(JsonBody.parse(body, 64, 1000).args());
    }

    @Test
    void pathsStayAlignedWhenParsingStopsEarly() {
        List<String> paths = new ArrayList<>();
        BodyResult r = JsonBody.parse("{\"a\":1,\"b\":[2,".getBytes(StandardCharsets.UTF_8), 64, 1000, paths);
        assertThat(r.error()).isNotNull();
        assertThat(paths).containsExactly("a", "b[0]");
        assertThat(r.args()).hasSize(2);
    }
}
