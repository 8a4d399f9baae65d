package dev.aiguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.aiguard.identity.ApiKeyDigests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code aiguard serve --egress-proxy} as a user runs it: the policy's identity stage authenticates the proxy's
 * callers, its egress section decides, and the console shows the connections. Loopback only: 127.0.0.2 is opened by
 * an address rule and stands for an allowed outside address; 127.0.0.1 stays loopback and is refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServeEgressProxyTest {

    static final String KEY = "agk_proxy_trainer_4Hs8Kd2Lq6Wz";
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer outside;
    private ServeRun serve;
    private HttpClient viaProxy;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        outside = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0), 0);
        outside.createContext("/", ex -> {
            byte[] body = "dataset bytes".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        outside.start();
        Path policy = Files.writeString(dir.resolve("egress.yaml"), """
                apiVersion: aiguard.dev/v1
                stages:
                  - type: identity
                    apiKeys:
                      owners:
                        - subject: training-job
                          keys: [{id: trainer-1, digest: "%s"}]
                egress:
                  allow:
                    - cidr: 127.0.0.2/32
                """.formatted(ApiKeyDigests.sha256(KEY)));
        serve = ServeRun.start("serve", "--egress-proxy", "--port", "0", "--policy", policy.toString());
        viaProxy = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", serve.uri().getPort()))).build();
    }

    @AfterAll
    void stop() throws Exception {
        assertThat(serve.stop()).isZero();
        outside.stop(0);
    }

    private HttpResponse<String> fetch(String url) throws Exception {
        return viaProxy.send(HttpRequest.newBuilder(URI.create(url)).header("Proxy-Authorization", "Bearer " + KEY)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theBannerTellsHowToUseTheProxyAndTheConsole() {
        assertThat(serve.out()).contains("AIGuard egress proxy at " + serve.uri(), "HTTPS_PROXY=" + serve.uri(),
                "proxy authentication: required", "console: " + serve.consoleUri());
    }

    @Test
    void allowedAndDeniedConnectionsAreAnsweredAndShownInTheConsole() throws Exception {
        int port = outside.getAddress().getPort();
        HttpResponse<String> allowed = fetch("http://127.0.0.2:" + port + "/datasets/1");
        HttpResponse<String> denied = fetch("http://127.0.0.1:" + port + "/admin");

        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.body()).isEqualTo("dataset bytes");
        assertThat(denied.statusCode()).isEqualTo(403);

        JsonNode events = console("/api/events?identity=training-job");
        assertThat(events.get("events").findValuesAsText("verdict")).contains("allowed", "blocked");
        assertThat(events.get("events").findValuesAsText("reason")).contains("egress.allowed", "egress.loopback");
        JsonNode graph = console("/api/graph");
        assertThat(graph.get("nodes").findValuesAsText("id"))
                .contains("identity:training-job", "destination:127.0.0.2:" + port, "destination:127.0.0.1:" + port);
        assertThat(console("/api/policy").get("egress").asText()).contains("1 allow");
    }

    private JsonNode console(String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(serve.consoleUri().resolve(path))
                .header("Authorization", "Bearer " + serve.adminToken()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Test
    void aPolicyWithoutAnEgressSectionIsRefused(@TempDir Path dir) throws Exception {
        Path policy = Files.writeString(dir.resolve("no-egress.yaml"), "apiVersion: aiguard.dev/v1\n");
        CliRun run = CliRun.of("serve", "--egress-proxy", "--port", "0", "--policy", policy.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("has no egress: section");
    }
}
