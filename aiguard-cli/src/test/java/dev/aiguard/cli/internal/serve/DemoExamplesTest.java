package dev.aiguard.cli.internal.serve;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DemoExamplesTest {

    private static final URI BASE = URI.create("http://127.0.0.1:8080");

    @Test
    void allowedExampleIsAlwaysFirst() {
        List<DemoExamples.Example> examples = DemoExamples.forStages(Set.of(), List.of());
        assertThat(examples).hasSize(1);
        assertThat(examples.get(0).status()).isEqualTo(200);
        assertThat(examples.get(0).curl(BASE)).isEqualTo("curl -s 'http://127.0.0.1:8080/v1/chat/completions' "
                + "-H 'Content-Type: application/json' -d '{\"model\":\"aiguard-demo\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"What is the capital of France?\"}]}'");
    }

    @Test
    void crsShowsAnSqlInjectionAndIdentityShowsA401() {
        List<DemoExamples.Example> examples = DemoExamples.forStages(Set.of("crs", "prompt", "identity"), List.of("k1"));
        assertThat(examples).extracting(DemoExamples.Example::status).containsExactly(200, 403, 401);
        assertThat(examples.get(0).curl(BASE)).contains("-H 'Authorization: Bearer k1'");
        assertThat(examples.get(1).pathQuery()).endsWith("?" + DemoExamples.SQLI_QUERY);
        assertThat(examples.get(2).apiKey()).isNull();
    }

    @Test
    void identityAloneShowsAForbiddenModelAndAMissingKey() {
        List<DemoExamples.Example> examples = DemoExamples.forStages(Set.of("identity"), List.of("k1"));
        assertThat(examples).extracting(DemoExamples.Example::status).containsExactly(200, 403, 401);
        assertThat(examples.get(1).body()).contains("\"model\":\"" + DemoExamples.FORBIDDEN_MODEL + "\"");
        assertThat(examples.get(1).apiKey()).isEqualTo("k1");
    }

    @Test
    void promptStageAloneShowsAnInjectionAndRateLimitsShowABurst() {
        List<DemoExamples.Example> examples = DemoExamples.forStages(Set.of("prompt", "ratelimit"), List.of());
        assertThat(examples).extracting(DemoExamples.Example::status).containsExactly(200, 403, 429);
        assertThat(examples.get(1).body()).contains(DemoExamples.INJECTION_PROMPT);
        assertThat(examples.get(2).curl(BASE)).startsWith("for i in $(seq 30); do curl -s -o /dev/null -w '%{http_code}\\n' ")
                .endsWith("; done");
    }
}
