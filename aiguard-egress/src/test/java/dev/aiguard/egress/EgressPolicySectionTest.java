package dev.aiguard.egress;

import dev.aiguard.api.Mode;
import dev.aiguard.api.Policy;
import dev.aiguard.api.PolicyLoader;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code egress:} section of a guard policy, read through the policy loader, and per-workload rules. */
class EgressPolicySectionTest {

    private static Policy load(String yaml) throws Exception {
        return PolicyLoader.create().load("policy.yaml", yaml);
    }

    @Test
    void theLoaderAcceptsAnEgressSectionAndTheEgressModuleBindsIt() throws Exception {
        Policy policy = load("""
                apiVersion: aiguard.dev/v1
                egress:
                  mode: monitor
                  allow:
                    - host: api.openai.com
                      ports: [443]
                  deny:
                    - host: uploads.example.com
                """);

        WorkloadEgressPolicies egress = WorkloadEgressPolicies.fromPolicy(policy).orElseThrow();

        assertThat(egress.base().mode()).isEqualTo(Mode.MONITOR);
        assertThat(egress.base().allow()).hasSize(1);
        assertThat(egress.base().deny()).hasSize(1);
        assertThat(egress.workloads()).isEmpty();
    }

    @Test
    void aPolicyWithoutAnEgressSectionHasNone() throws Exception {
        assertThat(WorkloadEgressPolicies.fromPolicy(load("apiVersion: aiguard.dev/v1\n"))).isEmpty();
    }

    @Test
    void theEgressSectionChangesThePolicyVersion() throws Exception {
        Policy a = load("apiVersion: aiguard.dev/v1\negress:\n  allow:\n    - host: a.example\n");
        Policy b = load("apiVersion: aiguard.dev/v1\negress:\n  allow:\n    - host: b.example\n");
        assertThat(a.version()).isNotEqualTo(b.version());
    }

    @Test
    void everyProblemIsReportedWithItsPathUnderEgress() throws Exception {
        Policy policy = load("""
                apiVersion: aiguard.dev/v1
                egress:
                  allow:
                    - host: a.example
                      ports: [0]
                    - cidr: 10.0.0.0/33
                  workloads:
                    trainer:
                      alow: []
                """);
        assertThatThrownBy(() -> WorkloadEgressPolicies.fromPolicy(policy))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("egress.allow[0].ports[0]: must be 1-65535")
                .hasMessageContaining("egress.allow[1]: prefix /33 out of range")
                .hasMessageContaining("egress.workloads.trainer.alow: unknown key");
    }

    @Test
    void aWorkloadGetsTheBaseRulesPlusItsOwn() throws Exception {
        Policy policy = load("""
                apiVersion: aiguard.dev/v1
                egress:
                  allow:
                    - host: pypi.org
                  workloads:
                    trainer:
                      allow:
                        - host: huggingface.co
                    sandbox:
                      deny:
                        - host: pypi.org
                """);
        WorkloadEgressPolicies egress = WorkloadEgressPolicies.fromPolicy(policy).orElseThrow();
        Resolver publicDns = host -> List.of(InetAddress.getByName("93.184.216.34"));

        EgressGuard trainer = EgressGuard.builder(egress.forWorkload("trainer")).resolver(publicDns).build();
        EgressGuard sandbox = EgressGuard.builder(egress.forWorkload("sandbox")).resolver(publicDns).build();
        EgressGuard anyone = EgressGuard.builder(egress.forWorkload("someone-else")).resolver(publicDns).build();

        assertThat(trainer.check("https://huggingface.co/x").allowed()).isTrue();
        assertThat(trainer.check("https://pypi.org/simple").allowed()).isTrue();
        assertThat(sandbox.check("https://pypi.org/simple").reason()).isEqualTo(EgressReason.DENIED_BY_RULE);
        assertThat(anyone.check("https://huggingface.co/x").reason()).isEqualTo(EgressReason.NOT_ALLOWLISTED);
        assertThat(anyone.check("https://pypi.org/simple").allowed()).isTrue();
    }
}
