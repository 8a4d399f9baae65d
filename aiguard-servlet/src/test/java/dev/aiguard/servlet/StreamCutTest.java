package dev.aiguard.servlet;

import dev.aiguard.api.ConfiguredStage;
import dev.aiguard.api.Guard;
import dev.aiguard.api.GuardConfig;
import dev.aiguard.api.ResponseInfo;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The stream-cut switch: a streamed response ends cleanly once the stream limit trips, and only then. */
class StreamCutTest {

    private static final int EVENTS = 20;
    private final HttpClient client = HttpClient.newHttpClient();

    /** Streams Anthropic-style deltas, each reporting two more output tokens; records how far it got. */
    static final class StreamingServlet extends HttpServlet {
        final AtomicInteger written = new AtomicInteger();
        final AtomicBoolean writeFailed = new AtomicBoolean();

        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/event-stream");
            ServletOutputStream out = resp.getOutputStream();
            try {
                for (int i = 1; i <= EVENTS; i++) {
                    out.write(("event: message_delta\ndata: {\"type\":\"message_delta\",\"usage\":{\"output_tokens\":"
                            + (2 * i) + "}}\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    written.incrementAndGet();
                }
            } catch (IOException e) {
                writeFailed.set(true);
            }
        }
    }

    private HttpResponse<String> stream(JettyServer server) throws Exception {
        return client.send(HttpRequest.newBuilder(server.uri("/v1/messages"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"stream\":true}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void streamIsCutCleanlyOnceTheLimitTrips() throws Exception {
        TestStages.Recording stage = TestStages.Recording.allowing();
        Guard guard = Guard.create(GuardConfig.builder().stage(ConfiguredStage.of("t", stage)).build());
        StreamingServlet app = new StreamingServlet();
        try (JettyServer server = JettyServer.start(new AiGuardFilter(guard, StreamLimit.outputTokens(5)), app)) {
            HttpResponse<String> response = stream(server);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"output_tokens\":6}")
                    .doesNotContain("\"output_tokens\":8}")
                    .endsWith("event: aiguard.cut\ndata: {\"reason\":\"aiguard.stream_limit\"}\n\n");
            // The client has the whole (cut) response before the application tries its next write: wait for the
            // exchange to complete, which happens once the application has returned.
            ResponseInfo info = stage.nextCompleted();
            assertThat(app.writeFailed).isTrue();
            assertThat(app.written).hasValue(2);
            assertThat(info.usage().outputTokens()).isEqualTo(6);
            assertThat(info.outcome()).isEqualTo(ResponseInfo.Outcome.CANCELLED);
        }
    }

    @Test
    void aFailingStreamLimitNeverBreaksTheResponse() throws Exception {
        TestStages.Recording stage = TestStages.Recording.allowing();
        Guard guard = Guard.create(GuardConfig.builder().stage(ConfiguredStage.of("t", stage)).build());
        StreamingServlet app = new StreamingServlet();
        StreamLimit broken = (exchange, soFar) -> {
            throw new IllegalStateException("limit bug");
        };
        try (JettyServer server = JettyServer.start(new AiGuardFilter(guard, broken), app)) {
            HttpResponse<String> response = stream(server);

            assertThat(response.body()).contains("\"output_tokens\":40}").doesNotContain("aiguard.cut");
            assertThat(app.written).hasValue(EVENTS);
            assertThat(app.writeFailed).isFalse();
            assertThat(stage.nextCompleted().outcome()).isEqualTo(ResponseInfo.Outcome.COMPLETED);
        }
    }

    @Test
    void withoutAStreamLimitTheWholeStreamPasses() throws Exception {
        TestStages.Recording stage = TestStages.Recording.allowing();
        Guard guard = Guard.create(GuardConfig.builder().stage(ConfiguredStage.of("t", stage)).build());
        StreamingServlet app = new StreamingServlet();
        try (JettyServer server = JettyServer.start(new AiGuardFilter(guard), app)) {
            HttpResponse<String> response = stream(server);

            assertThat(response.body()).contains("\"output_tokens\":40}").doesNotContain("aiguard.cut");
            assertThat(app.written).hasValue(EVENTS);
            ResponseInfo info = stage.nextCompleted();
            assertThat(info.usage().outputTokens()).isEqualTo(40);
            assertThat(info.outcome()).isEqualTo(ResponseInfo.Outcome.COMPLETED);
        }
    }
}
