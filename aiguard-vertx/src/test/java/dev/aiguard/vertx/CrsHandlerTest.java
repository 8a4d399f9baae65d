package dev.aiguard.vertx;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiguard.api.Guard;
import dev.aiguard.api.PolicyLoader;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The handler with the real {@code crs} stage (OWASP CRS from {@code aiguard.crs.dir}, RE2/J engine) on a Vert.x
 * server; every inspection runs on a worker (threshold 0), as recommended for the CRS.
 */
class CrsHandlerTest {

    private static Vertx vertx;
    private static Guard guard;
    private static VertxServer server;
    private static final AtomicInteger CALLS = new AtomicInteger();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        String dir = System.getProperty("aiguard.crs.dir", System.getenv("AIGUARD_CRS_DIR"));
        assumeTrue(dir != null && Files.isDirectory(Path.of(dir, "rules")),
                "CRS not found: set -Daiguard.crs.dir or AIGUARD_CRS_DIR to an OWASP CRS v4 checkout");
        String yaml = """
                apiVersion: aiguard.dev/v1
                stages:
                  - type: crs
                    name: waf
                    budget: 30s
                    directory: %s
                    engine: re2j
                """.formatted(Path.of(dir).toAbsolutePath());
        guard = Guard.create(PolicyLoader.create().load("crs-vertx-test.yaml", yaml).toGuardConfig());
        vertx = Vertx.vertx();
        server = VertxServer.start(vertx, AiGuardHandler.builder(guard).workerThreshold(0).build(), router ->
                router.route("/v1/*").handler(ctx -> {
                    CALLS.incrementAndGet();
                    ctx.response().putHeader("Content-Type", "text/plain").end("results");
                }));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        if (guard != null) {
            guard.close();
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.header("Accept", "*/*").build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void sqlInjectionInTheQueryStringIsBlockedWith403Problem() throws Exception {
        int before = CALLS.get();
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                server.uri("/v1/search?q=1%27%20UNION%20SELECT%20password%20FROM%20users--")));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(new ObjectMapper().readTree(response.body()).get("reason").asText()).isEqualTo("waf.crs");
        assertThat(CALLS.get()).isEqualTo(before);
    }

    @Test
    void sqlInjectionInAFormBodyIsBlocked() throws Exception {
        int before = CALLS.get();
        HttpResponse<String> response = send(HttpRequest.newBuilder(server.uri("/v1/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("user=admin%27%20OR%201%3D1--&password=x")));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(CALLS.get()).isEqualTo(before);
    }

    @Test
    void benignSearchReachesTheApplication() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(server.uri("/v1/search?q=water+cycle")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("results");
    }
}
