package dev.aiguard.output;

import dev.aiguard.api.Guard;
import dev.aiguard.api.Policy;
import dev.aiguard.api.PolicyException;
import dev.aiguard.api.PolicyLoader;
import dev.aiguard.api.Verdict;
import org.junit.jupiter.api.Test;

import static dev.aiguard.output.GuardFixtures.chat;
import static dev.aiguard.output.GuardFixtures.respond;
import static dev.aiguard.output.GuardFixtures.sse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The three stage types load from YAML through the ServiceLoader, validate, and run together. */
class OutputPolicyTest {

    private final PolicyLoader loader = PolicyLoader.create();

    @Test
    void behaviourPiiAndOutputStagesLoadAndRunTogether() throws Exception {
        Policy policy = loader.load("policy.yaml", """
                apiVersion: aiguard.dev/v1
                mode: enforce
                stages:
                  - type: behaviour
                    window: 5m
                    maxIdentities: 1000
                    throttleAction: ratelimit
                    throttleFactor: 3
                  - type: output
                    streaming: strict
                    holdBack: 256
                    actions: {email: flag, leak: block}
                    nationalIds: [us_ssn]
                    canaries: [ACME-CANARY-42x9]
                  - type: pii
                    detectors: [email]
                    secrets: false
                    vault: true
                """);
        Guard guard = Guard.create(policy.toGuardConfig());
        Verdict v = guard.inspect(chat("Be helpful.", "Write to bob@example.org"));

        String client = respond(guard.responseGuard(v.exchange(), "text/event-stream"),
                sse("Done: [PII_EMAIL_1], key AKIAIOSFODNN7EXAMPLE"), 9);

        assertThat(client).contains("bob@example.org", "[REDACTED:aws_access_key]").doesNotContain("AKIAIOSFODNN7");
    }

    @Test
    void badSettingsAreReportedWithTheirPaths() {
        assertThatThrownBy(() -> loader.load("policy.yaml", """
                apiVersion: aiguard.dev/v1
                stages:
                  - type: output
                    streaming: sometimes
                    actions: {email: shred, nosuch: block}
                    nationalIds: [fr_nir]
                  - type: behaviour
                    flag: 0.9
                    throttle: 0.5
                    throttleAction: sometimes
                    throttleFactor: 0.5
                  - type: pii
                    detectors: [dna]
                """)).isInstanceOf(PolicyException.class)
                .hasMessageContaining("streaming").hasMessageContaining("actions.email")
                .hasMessageContaining("actions.nosuch").hasMessageContaining("fr_nir")
                .hasMessageContaining("throttle").hasMessageContaining("throttleAction")
                .hasMessageContaining("throttleFactor").hasMessageContaining("dna");
    }
}
