package dev.aiguard.waf.stage;

import dev.aiguard.api.Guard;
import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.Headers;
import dev.aiguard.api.PolicyError;
import dev.aiguard.api.PolicyException;
import dev.aiguard.api.PolicyLoader;
import dev.aiguard.api.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Field scoping of the {@code crs} stage on LLM payloads, with a small rule set standing in for CRS families: rule
 * 942001 (family 942, hidden from prompts by default) and 920001 (family 920, which sees everything) both look for
 * the word {@code marker} in ARGS.
 */
class LlmFieldScopingTest {

    private static final String RULES = """
            SecRule ARGS "@contains marker" "id:942001,phase:2,deny,status:403,log,msg:'family 942 saw it'"
            SecRule ARGS "@contains beacon" "id:920001,phase:2,deny,status:403,log,msg:'family 920 saw it'"
            """;

    @TempDir
    Path dir;

    private Guard guard(String stageExtra) throws IOException, PolicyException {
        Path crs = dir.resolve("crs");
        Files.createDirectories(crs.resolve("rules"));
        Files.writeString(crs.resolve("rules/900-test.conf"), RULES);
        String yaml = """
                apiVersion: aiguard.dev/v1
                stages:
                  - type: crs
                    name: waf
                    budget: 30s
                    directory: %s
                    engine: re2j
                %s""".formatted(crs, stageExtra.indent(4));
        return Guard.create(PolicyLoader.create().load("scoping.yaml", yaml).toGuardConfig());
    }

    static GuardRequest post(String path, String body) {
        return GuardRequest.builder().method("POST").uri(path)
                .headers(Headers.of("Host", "api.example.com", "Content-Type", "application/json"))
                .body(body).build();
    }

    static String chat(String userText) {
        return "{\"model\":\"gpt-4o\",\"max_tokens\":256,\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                + "{\"role\":\"user\",\"content\":\"" + userText + "\"}]}";
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            user prompt, hidden family                   | /v1/chat/completions | {"model":"m","messages":[{"role":"user","content":"a marker here"}]}                                             | false
            user prompt in a content part                | /v1/chat/completions | {"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"a marker"}]}]}                         | false
            system prompt                                | /v1/chat/completions | {"model":"m","messages":[{"role":"system","content":"marker"},{"role":"user","content":"hi"}]}                    | false
            tool result given as an object               | /v1/chat/completions | {"model":"m","messages":[{"role":"tool","tool_call_id":"c1","content":"marker"}]}                                 | false
            non-prompt field of an LLM payload           | /v1/chat/completions | {"model":"m","user":"marker","messages":[{"role":"user","content":"hi"}]}                                         | true
            tool-call arguments stay in the envelope     | /v1/chat/completions | {"model":"m","messages":[{"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{\\"q\\":\\"marker\\"}"}}]}]} | true
            model name                                   | /v1/chat/completions | {"model":"marker","messages":[{"role":"user","content":"hi"}]}                                                    | true
            Anthropic user text                          | /v1/messages         | {"model":"claude","max_tokens":10,"messages":[{"role":"user","content":[{"type":"text","text":"marker"}]}]}        | false
            Gemini snake_case tool result object         | /v1beta/models/gemini-pro:generateContent | {"contents":[{"role":"user","parts":[{"function_response":{"name":"f","response":{"rows":["marker"]}}}]}]} | false
            Gemini snake_case system instruction         | /v1beta/models/gemini-pro:generateContent | {"system_instruction":{"parts":[{"text":"marker"}]},"contents":[{"role":"user","parts":[{"text":"hi"}]}]} | false
            Gemini function call arguments               | /v1beta/models/gemini-pro:generateContent | {"contents":[{"role":"model","parts":[{"functionCall":{"name":"f","args":{"q":"marker"}}}]}]}          | true
            a JSON body that is no LLM payload           | /v1/orders           | {"customer":"marker","items":[1,2]}                                                                             | true
            """)
    void hiddenFamilySeesTheEnvelopeButNotPrompts(String name, String path, String body, boolean blocked)
            throws Exception {
        try (Guard guard = guard("")) {
            Verdict v = guard.inspect(post(path, body));
            assertThat(v.blocked()).as(name).isEqualTo(blocked);
            if (blocked) {
                assertThat(v.ruleIds()).containsExactly("942001");
            }
        }
    }

    @Test
    void familiesNotExcludedStillSeePromptText() throws Exception {
        try (Guard guard = guard("")) {
            assertThat(guard.inspect(post("/v1/chat/completions", chat("a beacon in the prompt"))).ruleIds())
                    .containsExactly("920001");
        }
    }

    @Test
    void perRoleSelectionReplacesTheDefaultFamilies() throws Exception {
        try (Guard guard = guard("""
                prompts:
                  excludeFamilies: ["942"]
                  roles:
                    system: {excludeFamilies: ["*"]}
                    user: {excludeFamilies: []}
                """)) {
            assertThat(guard.inspect(post("/v1/chat/completions", chat("marker"))).ruleIds()).containsExactly("942001");
            String systemBeacon = "{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"beacon\"}]}";
            assertThat(guard.inspect(post("/v1/chat/completions", systemBeacon)).blocked()).isFalse();
            String assistantMarker = "{\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"content\":\"marker\"}]}";
            assertThat(guard.inspect(post("/v1/chat/completions", assistantMarker)).blocked()).isFalse();
        }
    }

    @Test
    void scopingCanBeSwitchedOff() throws Exception {
        try (Guard guard = guard("prompts: {enabled: false}")) {
            assertThat(guard.inspect(post("/v1/chat/completions", chat("marker"))).ruleIds()).containsExactly("942001");
        }
    }

    @Test
    void badFamiliesAndRolesAreReportedWithTheirPath() {
        assertThat(org.junit.jupiter.api.Assertions.assertThrows(PolicyException.class, () -> guard("""
                prompts:
                  excludeFamilies: ["94x"]
                  roles:
                    usr: {excludeFamilies: []}
                """)).errors()).extracting(PolicyError::path)
                .anySatisfy(p -> assertThat(p).endsWith("prompts.excludeFamilies[0]"))
                .anySatisfy(p -> assertThat(p).endsWith("prompts.roles.usr"));
    }
}
