package dev.aiguard.cli.internal.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiguard.api.Block;
import dev.aiguard.api.Exchange;
import dev.aiguard.api.Guard;
import dev.aiguard.api.GuardConfig;
import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.ResponseInfo;
import dev.aiguard.api.Stage;
import dev.aiguard.api.StageOutcome;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The guard path of {@code serve} with a guard built in code, whose stage records what it saw and what completed. */
class GuardHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHAT = "{\"messages\":[{\"role\":\"user\",\"content\":\"0123456789abcdef\"}]%s}";

    private final HttpClient http = HttpClient.newHttpClient();
    private final Recorder recorder = new Recorder();
    private GuardServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void completeGetsStatusAndUsageOfAJsonAnswer() throws Exception {
        start(1024, new MockModelHandler(Duration.ZERO));
        HttpResponse<String> response = post("/v1/chat/completions", CHAT.formatted(""));
        assertThat(response.statusCode()).isEqualTo(200);
        ResponseInfo done = recorder.completed.poll(5, TimeUnit.SECONDS);
        assertThat(done).isNotNull();
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.outcome()).isEqualTo(ResponseInfo.Outcome.COMPLETED);
        assertThat(done.usage().inputTokens()).isEqualTo(4);
        assertThat(done.usage().outputTokens()).isEqualTo(MockModelHandler.estimateTokens(MockModelHandler.ANSWER.length()));
        assertThat(done.headers().first("Content-Type")).hasValue("application/json");
    }

    @Test
    void completeGetsUsageFromTheUsageChunkOfAStream() throws Exception {
        start(1024, new MockModelHandler(Duration.ZERO));
        HttpResponse<String> response = post("/v1/chat/completions", CHAT.formatted(",\"stream\":true"));
        assertThat(response.body()).endsWith("data: [DONE]\n\n");
        ResponseInfo done = recorder.completed.poll(5, TimeUnit.SECONDS);
        assertThat(done).isNotNull();
        assertThat(done.usage().inputTokens()).isEqualTo(4);
        assertThat(done.usage().outputTokens()).isEqualTo(MockModelHandler.estimateTokens(MockModelHandler.ANSWER.length()));
    }

    @Test
    void guardSeesMethodRawPathAndQueryProtocolHeadersAndClientAddress() throws Exception {
        start(1024, new MockModelHandler(Duration.ZERO));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.uri().resolve("/v1/models?q=%27a%27&b"))
                .header("X-Trace", "t1").header("X-Trace", "t2").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        GuardRequest seen = recorder.seen.poll(5, TimeUnit.SECONDS);
        assertThat(seen).isNotNull();
        assertThat(seen.method()).isEqualTo("GET");
        assertThat(seen.path()).isEqualTo("/v1/models");
        assertThat(seen.rawQuery()).isEqualTo("q=%27a%27&b");
        assertThat(seen.protocol()).isEqualTo("HTTP/1.1");
        assertThat(seen.headers().all("x-trace")).containsExactly("t1", "t2");
        assertThat(seen.remoteAddress().getAddress().isLoopbackAddress()).isTrue();
        assertThat(seen.body()).isEmpty();
        assertThat(seen.bodyTruncated()).isFalse();
    }

    @Test
    void bodyBeyondTheLimitIsInspectedTruncatedAndStillReachesTheModelWhole() throws Exception {
        start(16, new MockModelHandler(Duration.ZERO));
        String body = CHAT.formatted("");
        HttpResponse<String> response = post("/v1/chat/completions", body);
        assertThat(response.statusCode()).as("the model parsed the whole body").isEqualTo(200);
        GuardRequest seen = recorder.seen.poll(5, TimeUnit.SECONDS);
        assertThat(seen).isNotNull();
        assertThat(seen.bodyAsString()).isEqualTo(body.substring(0, 16));
        assertThat(seen.bodyTruncated()).isTrue();
    }

    @Test
    void blockCarriesItsStatusHeadersAndIsCompletedWithThatStatus() throws Exception {
        start(1024, new MockModelHandler(Duration.ZERO));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.uri().resolve("/v1/models"))
                .header("X-Block", "1").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"aiguard\"");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("reason").asText()).isEqualTo("identity.missing");
        assertThat(problem.get("title").asText()).isEqualTo("Unauthorized");
        ResponseInfo done = recorder.completed.poll(5, TimeUnit.SECONDS);
        assertThat(done).isNotNull();
        assertThat(done.status()).isEqualTo(401);
    }

    @Test
    void failingModelBecomesA500ProblemThatSaysNothingAboutTheRequest() throws Exception {
        start(1024, new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                throw new IllegalStateException("boom: secret prompt text");
            }
        });
        HttpResponse<String> response = post("/v1/chat/completions", CHAT.formatted(""));
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("aiguard.internal_error").doesNotContain("secret").doesNotContain("boom");
        ResponseInfo done = recorder.completed.poll(5, TimeUnit.SECONDS);
        assertThat(done).isNotNull();
        assertThat(done.status()).isEqualTo(500);
    }

    @Test
    void requestNoHandlerTakesIsA404Problem() throws Exception {
        start(1024, new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                return false;
            }
        });
        HttpResponse<String> response = post("/anything", "{}");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).get("status").asInt()).isEqualTo(404);
        assertThat(recorder.completed.poll(5, TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    void behindTheReverseProxyCompleteGetsTheUsageTheUpstreamStreamed() throws Exception {
        Server upstream = new Server(new InetSocketAddress("127.0.0.1", 0));
        upstream.setHandler(new MockModelHandler(Duration.ZERO));
        upstream.start();
        try {
            URI upstreamUri = upstream.getURI();
            start(1024, new UpstreamProxy(URI.create("http://127.0.0.1:" + upstreamUri.getPort()), Duration.ofSeconds(30)));
            HttpResponse<String> response = post("/v1/chat/completions", CHAT.formatted(",\"stream\":true"));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).endsWith("data: [DONE]\n\n");
            ResponseInfo done = recorder.completed.poll(5, TimeUnit.SECONDS);
            assertThat(done).isNotNull();
            assertThat(done.status()).isEqualTo(200);
            assertThat(done.usage().inputTokens()).isEqualTo(4);
            assertThat(done.usage().outputTokens()).isEqualTo(MockModelHandler.estimateTokens(MockModelHandler.ANSWER.length()));
        } finally {
            upstream.stop();
        }
    }

    @Test
    void unreachableUpstreamIsA502AndIsStillCompleted() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        start(1024, new UpstreamProxy(URI.create("http://127.0.0.1:" + closedPort), Duration.ofSeconds(5)));
        HttpResponse<String> response = post("/v1/chat/completions", CHAT.formatted(""));
        assertThat(response.statusCode()).isEqualTo(502);
        ResponseInfo done = recorder.completed.poll(5, TimeUnit.SECONDS);
        assertThat(done).isNotNull();
        assertThat(done.status()).isEqualTo(502);
        assertThat(done.usage().isKnown()).isFalse();
    }

    private void start(int maxBodyBytes, Handler app) throws Exception {
        Guard guard = Guard.create(GuardConfig.builder().maxBodyBytes(maxBodyBytes).stage("recorder", recorder).build());
        server = GuardServer.start("127.0.0.1", 0, guard, app);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        URI uri = server.uri().resolve(path);
        return http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Records every inspected request and every completion; refuses requests carrying {@code X-Block} with 401. */
    private static final class Recorder implements Stage {
        final BlockingQueue<GuardRequest> seen = new LinkedBlockingQueue<>();
        final BlockingQueue<ResponseInfo> completed = new LinkedBlockingQueue<>();

        @Override
        public StageOutcome inspect(Exchange exchange) {
            seen.add(exchange.request());
            if (exchange.request().headers().contains("X-Block")) {
                return StageOutcome.block(Block.unauthorized("identity.missing", "Bearer realm=\"aiguard\""), List.of());
            }
            return StageOutcome.pass();
        }

        @Override
        public void complete(Exchange exchange, ResponseInfo response) {
            completed.add(response);
        }
    }
}
