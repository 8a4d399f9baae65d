package dev.aiguard.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code aiguard egress check} and the egress section in {@code aiguard check}. */
class EgressCommandTest {

    @TempDir
    Path dir;

    static final String GUARD_POLICY = """
            apiVersion: aiguard.dev/v1
            stages:
              - type: keyword
                word: attack
            egress:
              allow:
                - host: api.openai.com
                  schemes: [https]
            """;

    @Test
    void egressCheckReadsTheEgressSectionOfAGuardPolicyAndPrintsOneJsonLinePerUrl() throws Exception {
        Path policy = Files.writeString(dir.resolve("guard.yaml"), GUARD_POLICY);
        Path urls = Files.writeString(dir.resolve("urls.txt"), """
                https://api.openai.com/v1/models
                http://169.254.169.254/latest/meta-data/
                https://evil.example/
                """);

        CliRun run = CliRun.of("egress", "check", "--policy", policy.toString(), "--urls", urls.toString(),
                "--resolve", "api.openai.com=104.18.7.192", "--resolve", "evil.example=93.184.216.34");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines().toList()).containsExactly(
                "{\"url\":\"https://api.openai.com/v1/models\",\"allowed\":true,\"reason\":\"allowed\"}",
                "{\"url\":\"http://169.254.169.254/latest/meta-data/\",\"allowed\":false,\"reason\":\"cloud_metadata\"}",
                "{\"url\":\"https://evil.example/\",\"allowed\":false,\"reason\":\"not_allowlisted\"}",
                "egress: urls=3 denied=2");
    }

    @Test
    void egressCheckWithoutRequiredOptionsIsAUsageError() {
        CliRun run = CliRun.of("egress", "check", "--urls", "x.txt");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--policy");
    }

    @Test
    void egressCheckReportsAnInvalidPolicyWithExitTwo() throws Exception {
        Path policy = Files.writeString(dir.resolve("bad.yaml"), "allow:\n  - host: a.example\n    ports: [70000]\n");
        Path urls = Files.writeString(dir.resolve("urls.txt"), "https://a.example/\n");
        CliRun run = CliRun.of("egress", "check", "--policy", policy.toString(), "--urls", urls.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("allow[0].ports[0]: must be 1-65535");
    }

    @Test
    void policyCheckAcceptsAValidEgressSection() throws Exception {
        Path policy = Files.writeString(dir.resolve("guard.yaml"), GUARD_POLICY);
        CliRun run = CliRun.of("check", policy.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("guard.yaml: ok");
    }

    @Test
    void policyCheckReportsEveryProblemOfTheEgressSectionWithItsPath() throws Exception {
        Path policy = Files.writeString(dir.resolve("guard.yaml"), """
                apiVersion: aiguard.dev/v1
                egress:
                  mode: sometimes
                  allow:
                    - hots: api.openai.com
                  workloads:
                    trainer:
                      deny:
                        - cidr: 10.0.0.0/33
                """);
        CliRun run = CliRun.of("check", policy.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("egress.mode:", "egress.allow[0].hots: unknown key",
                "egress.workloads.trainer.deny[0]: prefix /33 out of range", "guard.yaml: 4 errors");
    }
}
