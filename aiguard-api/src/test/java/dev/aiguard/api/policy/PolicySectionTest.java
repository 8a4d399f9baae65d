package dev.aiguard.api.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiguard.api.Policy;
import dev.aiguard.api.PolicyLoader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Top-level sections another module binds ({@code egress:}) pass through the loader as written. */
class PolicySectionTest {

    private final PolicyLoader loader = PolicyLoader.builder().environment(name -> "FROM_ENV".equals(name) ? "x.example" : null)
            .build();

    @Test
    void anEgressSectionIsAcceptedAndHandedOutAfterSubstitution() throws Exception {
        Policy policy = loader.load("p.yaml", """
                apiVersion: aiguard.dev/v1
                egress:
                  allow:
                    - host: ${FROM_ENV}
                """);

        JsonNode egress = policy.section("egress").orElseThrow();

        assertThat(egress.at("/allow/0/host").asText()).isEqualTo("x.example");
        assertThat(policy.section("other")).isEmpty();
    }

    @Test
    void aPolicyWithoutTheSectionHasNone() throws Exception {
        assertThat(loader.load("p.yaml", "apiVersion: aiguard.dev/v1\n").section("egress")).isEmpty();
    }

    @Test
    void callersGetACopyTheyCannotUseToChangeThePolicy() throws Exception {
        Policy policy = loader.load("p.yaml", "apiVersion: aiguard.dev/v1\negress:\n  mode: enforce\n");
        ((com.fasterxml.jackson.databind.node.ObjectNode) policy.section("egress").orElseThrow()).put("mode", "off");
        assertThat(policy.section("egress").orElseThrow().get("mode").asText()).isEqualTo("enforce");
    }

    @Test
    void otherUnknownTopLevelKeysAreStillErrors() {
        assertThat(loader.check("p.yaml", "apiVersion: aiguard.dev/v1\negres:\n  mode: enforce\n"))
                .singleElement().satisfies(e -> assertThat(e.toString()).contains("egres"));
    }
}
