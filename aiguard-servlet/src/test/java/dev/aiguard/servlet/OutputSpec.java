package dev.aiguard.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiguard.api.EventType;
import dev.aiguard.api.Guard;
import dev.aiguard.api.SecurityEvent;
import dev.aiguard.output.spec.OutputAdapterSpec;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared response-side behaviour ({@link OutputAdapterSpec}) through the servlet filter, run per container: an
 * SSE stream flushed event by event, and a JSON answer with a {@code Content-Length}.
 */
abstract class OutputSpec extends OutputAdapterSpec {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** Starts the server under test on 127.0.0.1, an ephemeral port, with one filter and one servlet. */
    abstract ServletServer start(jakarta.servlet.Filter filter, HttpServlet servlet) throws Exception;

    /** A model: streams each piece as an OpenAI chat chunk (flushed), or answers them whole as JSON. */
    private static final class Model extends HttpServlet {
        private final List<String> pieces;

        Model(List<String> pieces) {
            this.pieces = pieces;
        }

        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            if (req.getRequestURI().endsWith("/whole")) {
                String content = JSON.writeValueAsString(String.join("", pieces));
                byte[] body = ("{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":" + content
                        + "}}]}").getBytes(StandardCharsets.UTF_8);
                resp.setContentType("application/json");
                resp.setContentLength(body.length);
                resp.getOutputStream().write(body);
                return;
            }
            resp.setContentType("text/event-stream");
            ServletOutputStream out = resp.getOutputStream();
            for (String piece : pieces) {
                out.write(("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":" + JSON.writeValueAsString(piece)
                        + "}}]}\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    private HttpResponse<String> post(Guard guard, List<String> pieces, String path) throws Exception {
        try (ServletServer server = start(new AiGuardFilter(guard), new Model(pieces))) {
            return client.send(HttpRequest.newBuilder(server.uri(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"stream\":true,\"messages\":"
                            + "[{\"role\":\"user\",\"content\":\"What is my key?\"}]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    @Override
    protected Answer stream(Guard guard, List<String> pieces) throws Exception {
        HttpResponse<String> response = post(guard, pieces, "/v1/chat/completions");
        StringBuilder text = new StringBuilder();
        boolean done = false;
        String reason = null;
        for (String event : response.body().split("\n\n")) {
            if (event.startsWith("event: aiguard.cut\n")) {
                reason = JSON.readTree(event.substring(event.indexOf("data: ") + 6)).path("reason").asText();
            } else if (event.equals("data: [DONE]")) {
                done = true;
            } else if (event.startsWith("data: ")) {
                text.append(JSON.readTree(event.substring(6)).path("choices").path(0).path("delta").path("content").asText());
            }
        }
        return new Answer(text.toString(), done, reason);
    }

    @Override
    protected Answer whole(Guard guard, String text) throws Exception {
        HttpResponse<String> response = post(guard, List.of(text), "/v1/whole");
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            // A cut JSON answer: the servlet filter truncates it (see the override below).
            return new Answer(response.body(), false, null);
        }
        if (body == null || body.path("choices").isMissingNode()) {
            return new Answer(response.body(), false, body == null ? null : body.path("reason").asText(null));
        }
        return new Answer(body.path("choices").path(0).path("message").path("content").asText(), true, null);
    }

    /**
     * The servlet filter sees a JSON answer only as the application writes it, after the status may already be
     * committed, so a blocked whole answer is cut (truncated), not replaced by a problem (docs/output.md, known limits).
     */
    @Override
    @Test
    protected void aBlockedWholeAnswerIsRefusedWithItsReason() throws Exception {
        Answer answer = whole(guard("strict", Map.of("pii", "block")), PERSONAL);

        assertThat(answer.text()).doesNotContain("jane");
        assertThat(answer.ended()).isFalse();
        assertThat(events).extracting(SecurityEvent::type).containsExactly(EventType.RESPONSE_BLOCKED);
        assertThat(events.get(0).ruleIds()).contains("pii.email");
    }
}
