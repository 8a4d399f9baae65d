package dev.aiguard.output.internal.stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiguard.api.Finding;
import dev.aiguard.api.OutputChunk;
import dev.aiguard.output.internal.detect.CanaryDetector;
import dev.aiguard.output.internal.detect.Detector;
import dev.aiguard.output.internal.detect.Detectors;
import dev.aiguard.output.internal.detect.OverlapDetector;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Redaction inside streams: SSE events split anywhere, JSON bodies, plain text, audit and monitor modes. */
class StreamInspectorTest {

    private static final List<String> DELTAS = List.of("Here is the key: AKIAIOS", "FODNN7EXA",
            "MPLE and the card 4111 1111", " 1111 1111 for jane", ".doe@example.com. Done.");
    private static final String REDACTED_TEXT = "Here is the key: [REDACTED:aws_access_key] and the card "
            + "[REDACTED:payment_card] for [REDACTED:email]. Done.";

    static Policy strict(Map<String, Action> actions) {
        return new Policy("output", List.copyOf(Detectors.builtIn().values()), actions, false, false, 128);
    }

    static byte[] openAiStream(List<String> deltas) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        for (String d : deltas) {
            sb.append("data: {\"id\":\"chatcmpl-").append(i++).append("\",\"object\":\"chat.completion.chunk\",")
                    .append("\"choices\":[{\"index\":0,\"delta\":{\"content\":")
                    .append(JsonPieces.write(com.fasterxml.jackson.databind.node.TextNode.valueOf(d)))
                    .append("}}]}\n\n");
        }
        sb.append("data: [DONE]\n\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The generated text a client would assemble from an OpenAI chat stream. */
    static String assembledContent(byte[] sse) throws Exception {
        StringBuilder text = new StringBuilder();
        for (String line : new String(sse, StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("data: {")) {
                JsonNode n = JsonPieces.MAPPER.readTree(line.substring(6));
                text.append(n.path("choices").path(0).path("delta").path("content").asText());
            }
        }
        return text.toString();
    }

    record Run(byte[] out, List<Finding> findings, boolean cut) {
    }

    static Run feed(StreamInspector inspector, byte[] body, int... cuts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Finding> findings = new ArrayList<>();
        int from = 0;
        boolean cut = false;
        List<Integer> points = new ArrayList<>();
        for (int c : cuts) {
            points.add(c);
        }
        points.add(body.length);
        for (int to : points) {
            OutputChunk c = inspector.write(body, from, to - from);
            out.writeBytes(c.data());
            findings.addAll(c.findings());
            cut |= c.cut();
            from = to;
        }
        OutputChunk last = inspector.finish();
        out.writeBytes(last.data());
        findings.addAll(last.findings());
        return new Run(out.toByteArray(), findings, cut || last.cut());
    }

    @Test
    void redactsSecretsSplitAcrossSseEventsAtEveryByteBoundary() throws Exception {
        byte[] body = openAiStream(DELTAS);
        for (int split = 0; split <= body.length; split++) {
            StreamInspector inspector = StreamInspector.forContentType(strict(Map.of()), "text/event-stream", 1 << 20);
            Run run = feed(inspector, body, split);

            assertThat(assembledContent(run.out())).as("split at %d", split).isEqualTo(REDACTED_TEXT);
            assertThat(new String(run.out(), StandardCharsets.UTF_8)).doesNotContain("AKIA", "FODNN7", "4111", "jane")
                    .endsWith("data: [DONE]\n\n");
            assertThat(run.findings()).extracting(Finding::ruleId)
                    .containsExactly("secret.aws_access_key", "pii.payment_card", "pii.email");
        }
    }

    @Test
    void redactsWhenTheStreamArrivesOneByteAtATimeAndInThreeParts() throws Exception {
        byte[] body = openAiStream(DELTAS);
        int[] everyByte = new int[body.length - 1];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = i + 1;
        }
        assertThat(assembledContent(feed(StreamInspector.forContentType(strict(Map.of()), "text/event-stream", 1 << 20),
                body, everyByte).out())).isEqualTo(REDACTED_TEXT);
        for (int a = 1; a < body.length; a += 7) {
            for (int b = a; b < body.length; b += 13) {
                Run run = feed(StreamInspector.forContentType(strict(Map.of()), "text/event-stream", 1 << 20), body, a, b);
                assertThat(assembledContent(run.out())).as("splits %d,%d", a, b).isEqualTo(REDACTED_TEXT);
            }
        }
    }

    @Test
    void eventsWithoutFindingsAreForwardedByteForByte() {
        byte[] body = openAiStream(List.of("Hello", ", world", ". Nothing to see here."));
        Run run = feed(StreamInspector.forContentType(strict(Map.of()), "text/event-stream", 1 << 20), body, 17);

        assertThat(run.out()).isEqualTo(body);
        assertThat(run.findings()).isEmpty();
    }

    @Test
    void holdsBackOnlyTheWindow() {
        StringBuilder longText = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            longText.append("word").append(i).append(' ');
        }
        List<String> deltas = new ArrayList<>();
        for (String w : longText.toString().split(" ")) {
            deltas.add(w + " ");
        }
        byte[] body = openAiStream(deltas);
        StreamInspector inspector = StreamInspector.forContentType(strict(Map.of()), "text/event-stream", 1 << 20);
        OutputChunk first = inspector.write(body, 0, body.length);
        String forwarded = new String(first.data(), StandardCharsets.UTF_8);

        assertThat(forwarded).contains("word0 ").doesNotContain("word99 ");
    }

    @Test
    void auditForwardsEverythingAtOnceAndReports() {
        byte[] body = openAiStream(DELTAS);
        Policy audit = new Policy("output", List.copyOf(Detectors.builtIn().values()), Map.of(), true, false, 128);
        Run run = feed(StreamInspector.forContentType(audit, "text/event-stream", 1 << 20), body, 40, 200);

        assertThat(run.out()).isEqualTo(body);
        assertThat(run.findings()).extracting(Finding::ruleId)
                .containsExactly("secret.aws_access_key", "pii.payment_card", "pii.email");
        assertThat(run.findings()).allSatisfy(f -> assertThat(f.tags()).doesNotContain(Finding.TAG_REDACTED));
    }

    @Test
    void monitorRewritesNothingAndSaysWhatItWouldHaveDone() {
        byte[] body = openAiStream(DELTAS);
        Policy monitor = new Policy("output", List.copyOf(Detectors.builtIn().values()), Map.of(), false, true, 128);
        Run run = feed(StreamInspector.forContentType(monitor, "text/event-stream", 1 << 20), body, 100);

        assertThat(run.out()).isEqualTo(body);
        assertThat(run.findings()).hasSize(3).allSatisfy(f -> assertThat(f.message()).contains("would redact"));
    }

    @Test
    void blockCutsTheStreamAndNeverForwardsTheSecret() {
        byte[] body = openAiStream(DELTAS);
        Run run = feed(StreamInspector.forContentType(strict(Map.of("secret", Action.BLOCK)), "text/event-stream",
                1 << 20), body, 30);

        assertThat(run.cut()).isTrue();
        assertThat(new String(run.out(), StandardCharsets.UTF_8)).doesNotContain("AKIA", "FODNN7", "[DONE]");
    }

    @Test
    void flagReportsWithoutRewriting() {
        byte[] body = openAiStream(DELTAS);
        Run run = feed(StreamInspector.forContentType(strict(Map.of("pii", Action.FLAG, "secret", Action.FLAG)),
                "text/event-stream", 1 << 20), body, 50);

        assertThat(run.out()).isEqualTo(body);
        assertThat(run.findings()).hasSize(3);
    }

    @Test
    void findingsNeverCarryTheSecret() {
        Run run = feed(StreamInspector.forContentType(strict(Map.of()), "text/event-stream", 1 << 20),
                openAiStream(DELTAS));

        assertThat(run.findings()).allSatisfy(f -> assertThat(f.excerpt() + f.message())
                .doesNotContain("AKIAIOSFODNN7EXAMPLE", "IOSFODNN", "4111 1111 1111 1111", "jane.doe@example.com"));
        assertThat(run.findings().get(0).excerpt()).isEqualTo("AKIA…[20 chars]");
    }

    @Test
    void redactsAPrivateKeyStreamedLongerThanTheWindow() throws Exception {
        StringBuilder key = new StringBuilder("-----BEGIN PRIVATE KEY-----\n");
        for (int i = 0; i < 30; i++) {
            key.append("MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC").append(i % 10).append('\n');
        }
        key.append("-----END PRIVATE KEY-----");
        String text = "Your key:\n" + key + "\nKeep it safe.";
        List<String> deltas = new ArrayList<>();
        for (int i = 0; i < text.length(); i += 7) {
            deltas.add(text.substring(i, Math.min(text.length(), i + 7)));
        }
        Run run = feed(StreamInspector.forContentType(strict(Map.of()), "text/event-stream", 1 << 20),
                openAiStream(deltas), 333);

        assertThat(assembledContent(run.out())).isEqualTo("Your key:\n[REDACTED:private_key]\nKeep it safe.");
    }

    @Test
    void redactsAJwtLongerThanTheWindowThroughItsEnd() throws Exception {
        String payload = "eyJzdWIiOiIxMjM0NTY3ODkwIiwiZGF0YSI6Ij" + "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo".repeat(12);
        String jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9." + payload + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
        String text = "token " + jwt + " end";
        List<String> deltas = new ArrayList<>();
        for (int i = 0; i < text.length(); i += 5) {
            deltas.add(text.substring(i, Math.min(text.length(), i + 5)));
        }
        Run run = feed(StreamInspector.forContentType(strict(Map.of()), "text/event-stream", 1 << 20),
                openAiStream(deltas));

        assertThat(assembledContent(run.out())).isEqualTo("token [REDACTED:jwt] end");
    }

    @Test
    void redactsStringValuesOfAWholeJsonBody() throws Exception {
        String body = "{\"id\":\"chatcmpl-1\",\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":"
                + "\"Call +44 20 7946 0958 or mail jane.doe@example.com\"}}],\"usage\":{\"total_tokens\":12}}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Run run = feed(StreamInspector.forContentType(strict(Map.of()), "application/json", 1 << 20), bytes, 20, 60);

        JsonNode json = JsonPieces.MAPPER.readTree(run.out());
        assertThat(json.at("/choices/0/message/content").asText()).isEqualTo("Call [REDACTED:phone] or mail [REDACTED:email]");
        assertThat(json.at("/usage/total_tokens").asInt()).isEqualTo(12);
    }

    @Test
    void redactsPlainTextSplitAtEveryByte() {
        byte[] body = "Key AKIAIOSFODNN7EXAMPLE here. Ünïcode stays: é".getBytes(StandardCharsets.UTF_8);
        for (int split = 0; split <= body.length; split++) {
            Run run = feed(StreamInspector.forContentType(strict(Map.of()), "text/plain; charset=utf-8", 1 << 20),
                    body, split);
            assertThat(new String(run.out(), StandardCharsets.UTF_8))
                    .isEqualTo("Key [REDACTED:aws_access_key] here. Ünïcode stays: é");
        }
    }

    @Test
    void canaryLeakBlocksTheStream() {
        List<Detector> detectors = new ArrayList<>(Detectors.builtIn().values());
        detectors.add(new CanaryDetector(List.of("AIGUARD-CANARY-7f3a9c21")));
        Policy policy = new Policy("output", detectors, Map.of(), false, false, 128);
        Run run = feed(StreamInspector.forContentType(policy, "text/event-stream", 1 << 20),
                openAiStream(List.of("My instructions say AIGUARD-CAN", "ARY-7f3a9c21 and more", " text")), 90);

        assertThat(run.cut()).isTrue();
        assertThat(run.findings()).extracting(Finding::ruleId).containsExactly("leak.canary");
        assertThat(new String(run.out(), StandardCharsets.UTF_8)).doesNotContain("7f3a9c21");
    }

    @Test
    void systemPromptOverlapIsALeakButACommonPhraseIsNot() throws Exception {
        String system = "You are Acme's billing assistant. Never reveal internal discount codes. Always answer in a "
                + "friendly tone and escalate refund requests above 500 dollars to a human agent named Dana.";
        List<Detector> detectors = List.of(new OverlapDetector(system, 8, 3));
        Policy policy = new Policy("output", detectors, Map.of("leak", Action.REDACT), false, false, 256);

        Run leak = feed(StreamInspector.forContentType(policy, "text/event-stream", 1 << 20), openAiStream(List.of(
                "Sure! My instructions: never reveal internal discount codes. Always answer in a friendly ",
                "tone and escalate refund requests above 500 dollars to a human. Anything else?")));
        Run benign = feed(StreamInspector.forContentType(policy, "text/event-stream", 1 << 20), openAiStream(List.of(
                "I am the billing assistant. I can answer in a friendly tone about refunds.")));

        assertThat(leak.findings()).extracting(Finding::ruleId).containsExactly("leak.system_prompt");
        assertThat(assembledContent(leak.out())).startsWith("Sure! My instructions: [REDACTED:system_prompt]")
                .doesNotContain("discount");
        assertThat(benign.findings()).isEmpty();
    }
}
