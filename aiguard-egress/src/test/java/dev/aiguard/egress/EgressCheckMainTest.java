package dev.aiguard.egress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class EgressCheckMainTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return EgressCheckMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsOneJsonLinePerUrlThenTheSummary() throws Exception {
        Path policy = Files.writeString(dir.resolve("policy.yaml"), """
                egress:
                  mode: enforce
                  allow:
                    - host: api.openai.com
                      schemes: [https]
                    - host: "*.example.com"
                """);
        Path urls = Files.writeString(dir.resolve("urls.txt"), """
                https://api.openai.com/v1/chat/completions
                http://169.254.169.254/latest/meta-data/

                https://docs.example.com/"quoted"
                http://0x7f.1/
                http://api.openai.com/
                """);

        int status = run("check", "--policy", policy.toString(), "--urls", urls.toString(),
                "--resolve", "api.openai.com=104.18.7.192,docs.example.com=93.184.216.34");

        assertThat(status).isZero();
        assertThat(stdout().lines().toList()).containsExactly(
                "{\"url\":\"https://api.openai.com/v1/chat/completions\",\"allowed\":true,\"reason\":\"allowed\"}",
                "{\"url\":\"http://169.254.169.254/latest/meta-data/\",\"allowed\":false,\"reason\":\"cloud_metadata\"}",
                "{\"url\":\"https://docs.example.com/\\\"quoted\\\"\",\"allowed\":true,\"reason\":\"allowed\"}",
                "{\"url\":\"http://0x7f.1/\",\"allowed\":false,\"reason\":\"loopback\"}",
                "{\"url\":\"http://api.openai.com/\",\"allowed\":false,\"reason\":\"not_allowlisted\"}",
                "egress: urls=5 denied=3");
    }

    @Test
    void monitorModeReportsTheReasonButCountsNothingDenied() throws Exception {
        Path policy = Files.writeString(dir.resolve("p.yaml"), "mode: monitor\n");
        Path urls = Files.writeString(dir.resolve("u.txt"), "http://10.0.0.1/\n");
        assertThat(run("--policy", policy.toString(), "--urls", urls.toString())).isZero();
        assertThat(stdout().lines().toList()).containsExactly(
                "{\"url\":\"http://10.0.0.1/\",\"allowed\":true,\"reason\":\"private\"}", "egress: urls=1 denied=0");
    }

    @Test
    void policyErrorsNameTheKeyPathAndExitWithTwo() throws Exception {
        Path policy = Files.writeString(dir.resolve("bad.yaml"), """
                mode: enforcing
                allow:
                  - host: "exa mple.com"
                  - cidr: 10.0.0.0/8
                    ports: [0]
                  - host: a.com
                    cidr: 10.0.0.0/8
                  - hots: b.com
                """);
        Path urls = Files.writeString(dir.resolve("u.txt"), "http://a.com/\n");
        assertThat(run("--policy", policy.toString(), "--urls", urls.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("mode: unknown mode 'enforcing'")
                .contains("allow[0]: invalid host pattern 'exa mple.com'")
                .contains("allow[1].ports[0]: must be 1-65535")
                .contains("allow[2]: needs exactly one of host, cidr")
                .contains("allow[3].hots: unknown key");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void usageErrorsExitWithTwo() throws Exception {
        assertThat(run("--policy")).isEqualTo(2);
        assertThat(run("--urls", "x")).isEqualTo(2);
        Path policy = Files.writeString(dir.resolve("p.yaml"), "mode: enforce\n");
        assertThat(run("--policy", policy.toString(), "--urls", dir.resolve("missing.txt").toString())).isEqualTo(2);
        assertThat(run("--policy", policy.toString(), "--urls", policy.toString(), "--resolve", "a.com=nope"))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: egress check").contains("--resolve expects");
    }
}
