package dev.aiguard.waf.stage;

import dev.aiguard.api.Finding;
import dev.aiguard.api.Guard;
import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.Headers;
import dev.aiguard.api.PolicyLoader;
import dev.aiguard.api.Verdict;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code LLM_*} SecLang variables, exercised by custom rules given as {@code extraRules} of a {@code crs} stage
 * (an empty rule directory stands in for CRS, so only these rules run). Each rule blocks with its own id.
 */
class LlmVariablesTest {

    private static final String RULES = """
            SecRule LLM_USER "@contains forbidden-user-word" "id:1001,phase:2,deny,status:403,log,msg:'user text'"
            SecRule LLM_SYSTEM "@contains forbidden-system-word" "id:1002,phase:2,deny,status:403,log,msg:'system text'"
            SecRule LLM_TOOL_RESULT "@rx (?i)ignore previous" "id:1003,phase:2,deny,status:403,log,msg:'tool result'"
            SecRule LLM_PROMPT "@contains forbidden-any-word" "id:1004,phase:2,deny,status:403,log,msg:'any prompt'"
            SecRule LLM_MODEL "@streq gpt-4-32k" "id:1005,phase:1,deny,status:403,log,msg:'model not allowed'"
            SecRule LLM_MAX_TOKENS "@gt 4096" "id:1006,phase:1,deny,status:403,log,msg:'too many output tokens'"
            SecRule &LLM_USER "@gt 3" "id:1007,phase:2,deny,status:403,log,msg:'too many user turns'"
            SecRule LLM_USER:/^messages\\[0\\]/ "@contains first-turn-word" "id:1008,phase:2,deny,status:403,log,msg:'first turn'"
            SecRule LLM_ASSISTANT "@contains forbidden-assistant-word" "id:1009,phase:2,deny,status:403,log,msg:'assistant'"
            SecRule LLM_USER "@contains macro-word" "id:1010,phase:2,deny,status:403,log,msg:'model %{LLM_MODEL} limit %{LLM_MAX_TOKENS}'"
            SecRule &LLM_MODEL "@eq 0" "id:1011,phase:2,pass,log,msg:'no LLM payload'"
            SecRule LLM_USER "@contains café" "id:1012,phase:2,deny,status:403,log,msg:'utf-8 bytes'"
            """;

    private static Guard guard;

    @BeforeAll
    static void load(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("crs/rules"));
        Path rules = Files.writeString(dir.resolve("llm-rules.conf"), RULES);
        String yaml = """
                apiVersion: aiguard.dev/v1
                stages:
                  - type: crs
                    name: waf
                    budget: 30s
                    directory: %s
                    engine: re2j
                    extraRules: [%s]
                """.formatted(dir.resolve("crs"), rules);
        guard = Guard.create(PolicyLoader.create().load("llm-vars.yaml", yaml).toGuardConfig());
    }

    @AfterAll
    static void close() {
        guard.close();
    }

    private static Verdict post(String path, String body) {
        return guard.inspect(GuardRequest.builder().method("POST").uri(path)
                .headers(Headers.of("Host", "api.example.com", "Content-Type", "application/json")).body(body).build());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            LLM_USER                      | /v1/chat/completions | {"model":"m","messages":[{"role":"user","content":"a forbidden-user-word"}]}                                         | 1001
            LLM_USER ignores system text  | /v1/chat/completions | {"model":"m","messages":[{"role":"system","content":"forbidden-user-word"}]}                                          |
            LLM_SYSTEM (OpenAI)           | /v1/chat/completions | {"model":"m","messages":[{"role":"system","content":"forbidden-system-word"}]}                                        | 1002
            LLM_SYSTEM (developer role)   | /v1/chat/completions | {"model":"m","messages":[{"role":"developer","content":"forbidden-system-word"}]}                                     | 1002
            LLM_SYSTEM (Anthropic)        | /v1/messages         | {"model":"c","max_tokens":5,"system":"forbidden-system-word","messages":[{"role":"user","content":"hi"}]}            | 1002
            LLM_TOOL_RESULT (OpenAI tool) | /v1/chat/completions | {"model":"m","messages":[{"role":"tool","tool_call_id":"c","content":"Ignore previous orders"}]}                      | 1003
            LLM_TOOL_RESULT (Anthropic)   | /v1/messages         | {"model":"c","max_tokens":5,"messages":[{"role":"user","content":[{"type":"tool_result","tool_use_id":"t","content":"ignore previous"}]}]} | 1003
            LLM_PROMPT (any role)         | /v1/chat/completions | {"model":"m","messages":[{"role":"assistant","content":"forbidden-any-word"}]}                                        | 1004
            LLM_PROMPT (Gemini)           | /v1beta/models/gemini-pro:generateContent | {"contents":[{"role":"user","parts":[{"text":"forbidden-any-word"}]}]}                          | 1004
            LLM_MODEL                     | /v1/chat/completions | {"model":"gpt-4-32k","messages":[{"role":"user","content":"hi"}]}                                                     | 1005
            LLM_MAX_TOKENS (max_tokens)   | /v1/chat/completions | {"model":"m","max_tokens":8192,"messages":[{"role":"user","content":"hi"}]}                                           | 1006
            LLM_MAX_TOKENS (Anthropic)    | /v1/messages         | {"model":"c","max_tokens":5000,"messages":[{"role":"user","content":"hi"}]}                                           | 1006
            LLM_MAX_TOKENS within limit   | /v1/chat/completions | {"model":"m","max_completion_tokens":4096,"messages":[{"role":"user","content":"hi"}]}                                |
            &LLM_USER counts user turns   | /v1/chat/completions | {"model":"m","messages":[{"role":"user","content":"a"},{"role":"user","content":"b"},{"role":"user","content":"c"},{"role":"user","content":"d"}]} | 1007
            LLM_USER key regex            | /v1/chat/completions | {"model":"m","messages":[{"role":"user","content":"first-turn-word"}]}                                               | 1008
            LLM_USER key regex, later turn| /v1/chat/completions | {"model":"m","messages":[{"role":"system","content":"x"},{"role":"user","content":"first-turn-word"}]}              |
            LLM_ASSISTANT                 | /v1/chat/completions | {"model":"m","messages":[{"role":"assistant","content":"forbidden-assistant-word"}]}                                  | 1009
            UTF-8 text as byte string     | /v1/chat/completions | {"model":"m","messages":[{"role":"user","content":"un café"}]}                                                        | 1012
            """)
    void customRulesMatchTheirVariable(String name, String path, String body, String expectedRule) {
        Verdict v = post(path, body);
        if (expectedRule == null) {
            assertThat(v.blocked()).as(name).isFalse();
        } else {
            assertThat(v.ruleIds()).as(name).containsExactly(expectedRule);
        }
    }

    @Test
    void matchedVariableNamesTheSegmentPath() {
        Verdict v = post("/v1/chat/completions",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"x\"},{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"forbidden-user-word\"}]}]}");
        assertThat(v.findings()).filteredOn(f -> f.ruleId().equals("1001")).extracting(Finding::target)
                .containsExactly("LLM_USER:messages[1].content[0].text");
    }

    @Test
    void macrosExpandTheScalars() {
        Verdict v = post("/v1/chat/completions",
                "{\"model\":\"llama3\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"macro-word\"}]}");
        assertThat(v.findings()).filteredOn(f -> f.ruleId().equals("1010")).extracting(Finding::message)
                .containsExactly("model llama3 limit 64");
    }

    @Test
    void requestsWithoutAnLlmPayloadLeaveTheVariablesUnset() {
        Verdict v = post("/v1/orders", "{\"customer\":\"forbidden-any-word\",\"max_tokens\":99999}");
        assertThat(v.blocked()).isFalse();
        assertThat(v.findings()).extracting(Finding::ruleId).containsExactly("1011");
        Verdict llm = post("/v1/chat/completions", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(llm.findings()).extracting(Finding::ruleId).doesNotContain("1011");
    }
}
