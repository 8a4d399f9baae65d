package dev.aiguard.cli;

import dev.aiguard.cli.internal.serve.DemoExamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code aiguard serve} argument and policy errors: each ends the command before anything listens. */
class ServeCommandTest {

    @TempDir
    Path dir;

    @Test
    void badPolicyExitsTwoListingEveryError() throws IOException {
        Path policy = Files.writeString(dir.resolve("bad.yaml"), """
                apiVersion: aiguard.dev/v1
                mode: enforcee
                stages:
                  - type: keyword
                    wrod: attack
                """);
        CliRun run = CliRun.of("serve", "--demo", "--port", "0", "--policy", policy.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains("bad.yaml:2:7: mode:")
                .contains("bad.yaml:5:5: stages[0].wrod: unknown key 'wrod' (did you mean 'word'?)")
                .contains("serve: the policy has 2 errors");
        assertThat(run.out()).doesNotContain("curl");
    }

    @Test
    void badPolicyBehindAnUpstreamAlsoExitsTwo() throws IOException {
        Path policy = Files.writeString(dir.resolve("bad.yaml"), "apiVersion: aiguard.dev/v2\n");
        CliRun run = CliRun.of("serve", "--upstream", "http://127.0.0.1:9", "--port", "0", "--policy", policy.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("bad.yaml:1:").contains("unsupported apiVersion");
    }

    @Test
    void upstreamNeedsAPolicy() {
        CliRun run = CliRun.of("serve", "--upstream", "http://127.0.0.1:9");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("serve: --upstream needs --policy");
    }

    @Test
    void upstreamMustBeAnHttpUrl() throws IOException {
        Path policy = Files.writeString(dir.resolve("ok.yaml"), "apiVersion: aiguard.dev/v1\n");
        CliRun run = CliRun.of("serve", "--upstream", "ftp://example.test/", "--policy", policy.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("must be an http or https URL");
    }

    @Test
    void demoAndUpstreamExcludeEachOther() {
        CliRun run = CliRun.of("serve", "--demo", "--upstream", "http://127.0.0.1:9");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("mutually exclusive");
    }

    @Test
    void oneOfDemoOrUpstreamIsRequired() {
        CliRun run = CliRun.of("serve");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required argument");
    }

    @Test
    void crsOptionMustNameACrsDirectory() {
        CliRun run = CliRun.of("serve", "--demo", "--port", "0", "--crs", dir.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("not a CRS directory");
    }

    @Test
    void portInUseExitsOne() throws IOException {
        Path policy = Files.writeString(dir.resolve("ok.yaml"), "apiVersion: aiguard.dev/v1\n");
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CliRun run = CliRun.of("serve", "--demo", "--port", Integer.toString(taken.getLocalPort()),
                    "--policy", policy.toString());
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("serve: cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void monitorLetsWhatWouldBeBlockedThrough() throws Exception {
        Path policy = Files.writeString(dir.resolve("keyword.yaml"), """
                apiVersion: aiguard.dev/v1
                stages:
                  - type: keyword
                    mode: enforce
                    word: attack
                """);
        try (ServeRun serve = ServeRun.start("serve", "--demo", "--port", "0", "--policy", policy.toString(),
                "--monitor", "--stream-delay", "0")) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(serve.uri().resolve("/v1/chat/completions"))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"messages\":[{\"content\":\"attack\"}]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(serve.out()).contains("mode monitor");
        }
    }

    @Test
    void demoLeavesOutACrsItFoundButCannotLoadAndSaysWhy() throws Exception {
        Path crs = Files.createDirectories(dir.resolve("old-crs/rules"));
        Files.writeString(crs.resolve("REQUEST-999-BROKEN.conf"), "SecRule NO_SUCH_VARIABLE \"@rx x\" \"id:1,deny\"\n");
        try (ServeRun serve = ServeRun.start(Map.of("AIGUARD_CRS_DIR", crs.getParent().toString()),
                "serve", "--demo", "--port", "0", "--stream-delay", "0")) {
            assertThat(serve.out()).contains("stages: identity (identity)")
                    .contains("note: the CRS found at " + crs.getParent().toAbsolutePath() + " cannot be used (");
            assertThat(serve.examples()).extracting(DemoExamples.Example::status).containsExactly(200, 403, 429);
        }
    }

    @Test
    void crsNamedOnTheCommandLineThatCannotLoadIsAnError() throws Exception {
        Path crs = Files.createDirectories(dir.resolve("old-crs/rules"));
        Files.writeString(crs.resolve("REQUEST-999-BROKEN.conf"), "SecRule NO_SUCH_VARIABLE \"@rx x\" \"id:1,deny\"\n");
        CliRun run = CliRun.of("serve", "--demo", "--port", "0", "--crs", crs.getParent().toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("cannot create stage 'waf'");
    }

    @Test
    void helpDescribesBothModes() {
        CliRun run = CliRun.of("serve", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--demo").contains("--upstream=URL").contains("--monitor").contains("--crs=DIR");
    }
}
