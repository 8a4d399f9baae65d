package dev.aiguard.servlet;

import dev.aiguard.api.ConfiguredStage;
import dev.aiguard.api.EventSink;
import dev.aiguard.api.EventType;
import dev.aiguard.api.Guard;
import dev.aiguard.api.GuardConfig;
import dev.aiguard.api.SecurityEvent;
import dev.aiguard.api.StageContext;
import dev.aiguard.api.Mode;
import dev.aiguard.output.OutputStageConfig;
import dev.aiguard.output.internal.OutputStageFactory;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The output stage through the servlet filter on a real Jetty server: strict redacts in flight, audit reports. */
class OutputStreamingTest {

    private static final List<String> DELTAS = List.of("Your key is AKIAIOS", "FODNN7EXA", "MPLE, keep it", " safe.");
    private final HttpClient client = HttpClient.newHttpClient();
    private final List<SecurityEvent> events = new CopyOnWriteArrayList<>();

    /** Streams OpenAI chat chunks, flushing each, like a model server. */
    static final class ModelServlet extends HttpServlet {
        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            if (req.getRequestURI().endsWith("/echo")) {
                // Answers with what the model was sent, as a model repeating the user would.
                String received = new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                resp.setContentType("text/event-stream");
                String prompt = received.replaceAll(".*\"content\":\"([^\"]*)\".*", "$1");
                resp.getOutputStream().write(("data: {\"received\":" + received.length() + ",\"choices\":[{\"delta\":"
                        + "{\"content\":\"" + prompt + "\"}}]}\n\ndata: [DONE]\n\n").getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (req.getRequestURI().endsWith("/json")) {
                byte[] body = ("{\"choices\":[{\"message\":{\"content\":\"mail jane.doe@example.com\"}}],"
                        + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4}}").getBytes(StandardCharsets.UTF_8);
                resp.setContentType("application/json");
                resp.setContentLength(body.length);
                resp.getOutputStream().write(body);
                return;
            }
            resp.setContentType("text/event-stream");
            ServletOutputStream out = resp.getOutputStream();
            for (String d : DELTAS) {
                out.write(("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + d + "\"}}]}\n\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    private Guard guard(String streaming, Map<String, String> actions) {
        OutputStageConfig config = new OutputStageConfig(streaming, 128, actions, null, null, null, null, null, null, null);
        var stage = new OutputStageFactory().create(config, new StageContext("output", Mode.ENFORCE, Map.of(), null));
        EventSink sink = events::add;
        return Guard.create(GuardConfig.builder().stage(ConfiguredStage.of("output", stage)).sink(sink).build());
    }

    private HttpResponse<String> post(JettyServer server, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(server.uri(path))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"stream\":true,\"messages\":[]}"))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void strictModeRedactsASecretSplitAcrossStreamedEvents() throws Exception {
        try (JettyServer server = JettyServer.start(new AiGuardFilter(guard("strict", Map.of())), new ModelServlet())) {
            HttpResponse<String> response = post(server, "/v1/chat/completions");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).doesNotContain("AKIA", "FODNN7").contains("[REDACTED:aws_access_key]")
                    .endsWith("data: [DONE]\n\n");
            assertThat(events).extracting(SecurityEvent::type).containsExactly(EventType.RESPONSE_REDACTED);
            assertThat(events.get(0).findings()).extracting(f -> f.excerpt()).containsExactly("AKIA…[20 chars]");
        }
    }

    @Test
    void auditModePassesTheStreamAndReportsIt() throws Exception {
        try (JettyServer server = JettyServer.start(new AiGuardFilter(guard("audit", Map.of())), new ModelServlet())) {
            HttpResponse<String> response = post(server, "/v1/chat/completions");

            assertThat(response.body()).contains("AKIAIOS", "FODNN7EXA").doesNotContain("REDACTED");
            assertThat(events).extracting(SecurityEvent::type).containsExactly(EventType.RESPONSE_FLAGGED);
            assertThat(events.get(0).ruleIds()).containsExactly("secret.aws_access_key");
        }
    }

    @Test
    void blockCutsTheStreamWithAClosingEvent() throws Exception {
        try (JettyServer server = JettyServer.start(new AiGuardFilter(guard("strict", Map.of("secret", "block"))),
                new ModelServlet())) {
            HttpResponse<String> response = post(server, "/v1/chat/completions");

            assertThat(response.body()).doesNotContain("AKIA", "[DONE]")
                    .endsWith("event: aiguard.cut\ndata: {\"reason\":\"output.secret\"}\n\n");
            assertThat(events).extracting(SecurityEvent::type).containsExactly(EventType.RESPONSE_BLOCKED);
        }
    }

    @Test
    void piiIsRedactedBeforeTheApplicationAndRestoredInItsAnswer() throws Exception {
        var pii = new dev.aiguard.output.internal.pii.PiiStageFactory().create(
                new dev.aiguard.output.PiiStageConfig(null, null, null, true),
                new StageContext("pii", Mode.ENFORCE, Map.of(), null));
        Guard guard = Guard.create(GuardConfig.builder().stage(ConfiguredStage.of("pii", pii)).build());
        String request = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"mail jane.doe@example.com\"}]}";
        try (JettyServer server = JettyServer.start(new AiGuardFilter(guard), new ModelServlet())) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.uri("/v1/echo"))
                    .POST(HttpRequest.BodyPublishers.ofString(request)).header("Content-Type", "application/json")
                    .build(), HttpResponse.BodyHandlers.ofString());

            String forwarded = request.replace("jane.doe@example.com", "[PII_EMAIL_1]");
            // The application got the placeholder (and its length), the client gets its own address back.
            assertThat(response.body()).contains("\"received\":" + forwarded.length())
                    .contains("mail jane.doe@example.com").doesNotContain("PII_EMAIL");
        }
    }

    @Test
    void aJsonAnswerIsRedactedAndItsContentLengthDropped() throws Exception {
        try (JettyServer server = JettyServer.start(new AiGuardFilter(guard("strict", Map.of())), new ModelServlet())) {
            HttpResponse<String> response = post(server, "/v1/json");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("mail [REDACTED:email]").doesNotContain("jane");
        }
    }
}
