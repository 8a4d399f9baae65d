package dev.aiguard.output.internal.pii;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiguard.api.ConfiguredStage;
import dev.aiguard.api.Finding;
import dev.aiguard.api.Guard;
import dev.aiguard.api.GuardConfig;
import dev.aiguard.api.Mode;
import dev.aiguard.api.StageContext;
import dev.aiguard.api.Verdict;
import dev.aiguard.output.PiiStageConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.aiguard.output.GuardFixtures.chat;
import static dev.aiguard.output.GuardFixtures.respond;
import static dev.aiguard.output.GuardFixtures.sse;
import static org.assertj.core.api.Assertions.assertThat;

/** Request-side redaction of personal data, with and without the reversible vault. */
class PiiStageTest {

    private static final String PROMPT = "Email jane.doe@example.com and bill card 4111 1111 1111 1111; "
            + "cc jane.doe@example.com. My key is AKIAIOSFODNN7EXAMPLE.";
    private final ObjectMapper json = new ObjectMapper();

    private static Guard guard(PiiStageConfig config) {
        var stage = new PiiStageFactory().create(config, new StageContext("pii", Mode.ENFORCE, Map.of(), null));
        return Guard.create(GuardConfig.builder().stage(ConfiguredStage.of("pii", stage)).build());
    }

    private String forwardedPrompt(Verdict v) throws Exception {
        JsonNode body = json.readTree(v.exchange().forwardedBody());
        return body.at("/messages/0/content").asText();
    }

    @Test
    void redactsPersonalDataAndSecretsBeforeForwarding() throws Exception {
        Verdict v = guard(PiiStageConfig.defaults()).inspect(chat(null, PROMPT));

        assertThat(v.allowed()).isTrue();
        assertThat(forwardedPrompt(v)).isEqualTo("Email [REDACTED:email] and bill card [REDACTED:payment_card]; "
                + "cc [REDACTED:email]. My key is [REDACTED:aws_access_key].");
        assertThat(v.findings()).extracting(Finding::ruleId).contains("pii.email", "pii.payment_card",
                "secret.aws_access_key");
        assertThat(v.findings()).allSatisfy(f -> assertThat(f.excerpt()).doesNotContain("jane.doe", "1111 1111"));
        assertThat(json.readTree(v.exchange().forwardedBody()).get("model").asText()).isEqualTo("gpt-4o");
    }

    @Test
    void theVaultGivesStablePlaceholdersAndRestoresThemInTheStreamedAnswer() throws Exception {
        Guard guard = guard(new PiiStageConfig(null, false, null, true));
        Verdict v = guard.inspect(chat(null, PROMPT));

        assertThat(forwardedPrompt(v)).isEqualTo("Email [PII_EMAIL_1] and bill card [PII_PAYMENT_CARD_1]; "
                + "cc [PII_EMAIL_1]. My key is AKIAIOSFODNN7EXAMPLE.");
        byte[] answer = sse("I wrote to [PII_EM", "AIL_1] about card [PII_PAYMENT_CARD_1]", ". Also [PII_EMAIL_9].");
        for (int chunk = 1; chunk <= 40; chunk += 3) {
            String client = respond(guard.responseGuard(v.exchange(), "text/event-stream"), answer, chunk);
            assertThat(client).as("chunks of %d", chunk).contains("jane.doe@example.com", "4111 1111 1111 1111")
                    .contains("[PII_EMAIL_9]").doesNotContain("[PII_EMAIL_1]");
        }
    }

    @Test
    void blockRefusesTheRequest() {
        Verdict v = guard(new PiiStageConfig(List.of("email"), false, "block", null)).inspect(chat(null, PROMPT));

        assertThat(v.blocked()).isTrue();
        assertThat(v.httpStatus()).isEqualTo(400);
        assertThat(v.exchange().replacementBody()).isNull();
    }

    @Test
    void flagReportsAndForwardsTheRequestUnchanged() {
        Verdict v = guard(new PiiStageConfig(null, null, "flag", null)).inspect(chat(null, PROMPT));

        assertThat(v.findings()).isNotEmpty();
        assertThat(v.exchange().replacementBody()).isNull();
    }

    @Test
    void aRequestWithoutPersonalDataIsNotRewritten() {
        Verdict v = guard(PiiStageConfig.defaults()).inspect(chat("Be brief.", "What is the capital of France?"));

        assertThat(v.findings()).isEmpty();
        assertThat(v.exchange().replacementBody()).isNull();
    }
}
