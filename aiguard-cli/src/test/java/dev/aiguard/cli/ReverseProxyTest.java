package dev.aiguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code aiguard serve --upstream URL}: the guard as a reverse proxy in front of a second local Jetty that plays the
 * inference server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReverseProxyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Upstream upstream = new Upstream();
    private Server upstreamServer;
    private ServeRun proxy;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        upstreamServer = new Server();
        ServerConnector connector = new ServerConnector(upstreamServer);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        upstreamServer.addConnector(connector);
        upstreamServer.setHandler(upstream);
        upstreamServer.start();
        URI upstreamUri = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/base");
        Path policy = Files.writeString(dir.resolve("proxy.yaml"), """
                apiVersion: aiguard.dev/v1
                request:
                  maxBodyBytes: 1024
                stages:
                  - type: keyword
                    word: DROP TABLE
                """);
        proxy = ServeRun.start("serve", "--upstream", upstreamUri.toString(), "--port", "0", "--policy", policy.toString());
    }

    @AfterAll
    void stop() throws Exception {
        try {
            assertThat(proxy.stop()).isZero();
        } finally {
            upstreamServer.stop();
        }
    }

    @BeforeEach
    void resetUpstream() {
        upstream.hits.set(0);
    }

    @Test
    void printsWhereItListensAndWhereItForwards() {
        assertThat(proxy.out()).contains("AIGuard reverse proxy: " + proxy.uri() + " -> http://127.0.0.1:");
    }

    @Test
    void forwardsPathQueryHeadersAndBodyToTheUpstream() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(proxy.uri().resolve("/v1/echo?a=1&b=%20x"))
                .header("Content-Type", "application/json").header("X-Custom", "kept")
                .POST(HttpRequest.BodyPublishers.ofString("{\"hello\":\"world\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode echo = JSON.readTree(response.body());
        assertThat(echo.get("uri").asText()).isEqualTo("/base/v1/echo?a=1&b=%20x");
        assertThat(echo.get("method").asText()).isEqualTo("POST");
        assertThat(echo.get("body").asText()).isEqualTo("{\"hello\":\"world\"}");
        assertThat(echo.get("custom").asText()).isEqualTo("kept");
        assertThat(upstream.hits).hasValue(1);
    }

    @Test
    void bodyLongerThanTheInspectionLimitStillReachesTheUpstreamWhole() throws Exception {
        String big = "{\"text\":\"" + "a".repeat(50_000) + "\"}";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(proxy.uri().resolve("/v1/echo"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(big)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("body").asText()).isEqualTo(big);
    }

    @Test
    void blocksAnAttackWithoutContactingTheUpstream() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(proxy.uri().resolve("/v1/echo"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"q\":\"1; DROP TABLE users\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(upstream.hits).hasValue(0);
    }

    @Test
    void serverSentEventsFlowThroughChunkByChunk() throws Exception {
        HttpResponse<Stream<String>> response = http.send(HttpRequest.newBuilder(proxy.uri().resolve("/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"stream\":true,\"messages\":[]}")).build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        Iterator<String> lines = response.body().filter(l -> !l.isEmpty()).iterator();
        assertThat(lines.next()).isEqualTo("data: {\"n\":1}");
        // The upstream holds the rest back until we have seen the first chunk: a buffering proxy would never get here.
        assertThat(upstream.lastSent).isFalse();
        upstream.firstChunkSeen.countDown();
        List<String> rest = new ArrayList<>();
        lines.forEachRemaining(rest::add);
        assertThat(upstream.lastSent).isTrue();
        assertThat(rest).containsExactly("data: {\"n\":2}", "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":3,"
                + "\"completion_tokens\":2}}", "data: [DONE]");
    }

    /** The inference server stand-in: echoes requests on /base/v1/echo, streams on /base/v1/chat/completions. */
    private static final class Upstream extends Handler.Abstract {
        final AtomicInteger hits = new AtomicInteger();
        final CountDownLatch firstChunkSeen = new CountDownLatch(1);
        final AtomicBoolean lastSent = new AtomicBoolean();

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            hits.incrementAndGet();
            String body = Content.Source.asString(request, StandardCharsets.UTF_8);
            if (Request.getPathInContext(request).equals("/base/v1/chat/completions")) {
                stream(response, callback);
                return true;
            }
            var echo = JSON.createObjectNode();
            echo.put("uri", request.getHttpURI().getPathQuery());
            echo.put("method", request.getMethod());
            echo.put("body", body);
            echo.put("custom", request.getHeaders().get("X-Custom"));
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            Content.Sink.write(response, true, echo.toString(), callback);
            return true;
        }

        private void stream(Response response, Callback callback) throws Exception {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream");
            write(response, "data: {\"n\":1}\n\n");
            firstChunkSeen.await(10, TimeUnit.SECONDS);
            write(response, "data: {\"n\":2}\n\n");
            write(response, "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2}}\n\n");
            lastSent.set(true);
            write(response, "data: [DONE]\n\n");
            response.write(true, null, callback);
        }

        private static void write(Response response, String text) throws Exception {
            try (Blocker.Callback written = Blocker.callback()) {
                response.write(false, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), written);
                written.block();
            }
        }
    }
}
