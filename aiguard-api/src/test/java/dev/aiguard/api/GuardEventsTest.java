package dev.aiguard.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiguard.api.internal.events.FileEventSink;
import dev.aiguard.api.internal.events.FileSinkConfig;
import dev.aiguard.api.internal.events.OcsfEventMapper;
import dev.aiguard.api.internal.events.OcsfRequiredFields;
import dev.aiguard.api.internal.events.Slf4jSinkConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Events end to end: the guard's events, through the real sinks, carry OCSF's required fields and no secrets. */
class GuardEventsTest {

    private static final String AUTH_TOKEN = "sk-live-HEADERSECRET12345abc";
    private static final String QUERY_KEY = "sk-query-SECRETVALUE123xyz";
    private static final String COOKIE = "cookieSecretValue99";
    private static final String X_API_KEY = "xkeySecretValue77";
    private static final String PROMPT = "PROMPT-TEXT-do-not-log: tell me the launch codes";
    /** Every string that must never reach a sink. */
    private static final List<String> SECRETS = List.of(AUTH_TOKEN, "HEADERSECRET", QUERY_KEY, "SECRETVALUE123",
            COOKIE, X_API_KEY, "PROMPT-TEXT", "launch codes");

    @TempDir
    Path dir;

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final RecordingSink recorded = new RecordingSink();
    private final OcsfEventMapper mapper = new OcsfEventMapper();
    private final ObjectMapper json = new ObjectMapper();

    private static GuardRequest secretRequest() {
        return GuardRequest.builder()
                .method("POST")
                .uri("/v1/chat/completions?api_key=" + QUERY_KEY + "&user=bob")
                .headers(Headers.of(
                        "Authorization", "Bearer " + AUTH_TOKEN,
                        "Cookie", "session=" + COOKIE + "; theme=dark",
                        "X-Api-Key", X_API_KEY,
                        "Content-Type", "application/json"))
                .remoteAddress(new InetSocketAddress("198.51.100.7", 40000))
                .body("{\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}")
                .build();
    }

    /** A careless stage that quotes credentials and the prompt in its findings, messages and exceptions. */
    private static Stage leakyStage() {
        return exchange -> {
            GuardRequest r = exchange.request();
            String content = r.json().tree().at("/messages/0/content").asText();
            List<Finding> findings = List.of(
                    new Finding("leaky", "auth", Severity.LOW, "saw Bearer " + AUTH_TOKEN,
                            "REQUEST_HEADERS:Authorization", r.headers().first("Authorization").orElseThrow(), 0, List.of()),
                    new Finding("leaky", "uri", Severity.MEDIUM, "odd uri", "ARGS:user", r.uri(), 0, List.of()),
                    new Finding("leaky", "cookie", Severity.LOW, "cookie line", "REQUEST_HEADERS",
                            "Cookie: " + r.headers().first("Cookie").orElseThrow(), 0, List.of()),
                    new Finding("leaky", "key", Severity.LOW, "key " + X_API_KEY + " seen", "ARGS:q",
                            X_API_KEY + " was seen", 0, List.of()),
                    new Finding("leaky", "prompt.injection", Severity.HIGH, "prompt injection", "messages[0].content",
                            content, 90, List.of(Finding.TAG_PROMPT, "attack-prompt")));
            return StageOutcome.block(Block.forbidden("prompt.injection", List.of("prompt.injection")), findings);
        };
    }

    private static Stage throwingWithSecret() {
        return exchange -> {
            throw new IllegalArgumentException("cannot parse " + AUTH_TOKEN + " / " + PROMPT);
        };
    }

    @SuppressWarnings("unchecked")
    private static <C> EventSink sinkOfType(String type, Object config, Path base) throws Exception {
        for (EventSinkFactory<?> factory : ServiceLoader.load(EventSinkFactory.class)) {
            if (factory.type().equals(type)) {
                return ((EventSinkFactory<C>) factory).create((C) config, base);
            }
        }
        throw new AssertionError("no sink factory of type " + type);
    }

    @Test
    void noSecretOrPromptReachesAnySinkAndEventsCarryOcsfRequiredFields() throws Exception {
        Path file = dir.resolve("events.jsonl");
        EventSink fileSink = sinkOfType("file", FileSinkConfig.of("events.jsonl"), dir);
        EventSink slf4jSink = sinkOfType("slf4j", Slf4jSinkConfig.defaults(), dir);
        Guard guard = Guard.create(GuardConfig.builder()
                .stage(ConfiguredStage.of("thrower", throwingWithSecret()).withBudget(Duration.ofSeconds(1), true))
                .stage("leaky", leakyStage())
                .sink(recorded).sink(fileSink).sink(slf4jSink)
                .events(new EventOptions(1.0, 64, false))
                .build());

        String stderr = captureStderr(() -> {
            Verdict verdict = guard.inspect(secretRequest());
            guard.complete(verdict.exchange(), ResponseInfo.of(403, Usage.unknown()));
            assertThat(verdict.httpStatus()).isEqualTo(403);
            guard.close();
        });

        assertThat(recorded.events).extracting(SecurityEvent::type)
                .containsExactly(EventType.STAGE_FAILURE, EventType.REQUEST_BLOCKED);
        String fileText = Files.readString(file, StandardCharsets.UTF_8);
        List<String> outputs = new ArrayList<>();
        for (SecurityEvent event : recorded.events) {
            outputs.add(mapper.toJson(event));
            outputs.add(event.toString());
        }
        outputs.add(fileText);
        outputs.add(stderr);
        for (String output : outputs) {
            assertThat(output).doesNotContain(SECRETS);
        }
        assertThat(stderr).contains("\"class_uid\":4002").contains("\"class_uid\":2004");
        List<String> lines = fileText.lines().toList();
        assertThat(lines).hasSize(2);
        for (String line : lines) {
            OcsfRequiredFields.assertValid(json.readTree(line));
        }
        JsonNode blocked = json.readTree(lines.get(1));
        assertThat(blocked.get("disposition_id").asInt()).isEqualTo(2);
        assertThat(blocked.at("/src_endpoint/ip").asText()).isEqualTo("198.51.100.7");
        assertThat(blocked.at("/http_request/url/path").asText()).isEqualTo("/v1/chat/completions");
        assertThat(blocked.at("/unmapped/aiguard/findings")).hasSize(6);
        assertThat(blocked.at("/unmapped/aiguard/findings/5/rule_id").asText()).isEqualTo("prompt.injection");
        assertThat(blocked.at("/unmapped/aiguard/findings/5/excerpt").isMissingNode()).isTrue();
        assertThat(blocked.at("/unmapped/aiguard/findings/1/excerpt").isMissingNode()).isTrue();
    }

    @Test
    void promptExcerptsAppearBoundedWhenThePolicyAllowsPromptLogging() {
        Guard guard = Guard.create(GuardConfig.builder()
                .stage("leaky", leakyStage())
                .sink(recorded)
                .events(new EventOptions(0.0, 16, true))
                .build());

        guard.inspect(secretRequest());

        Finding prompt = recorded.events.get(0).findings().get(4);
        assertThat(prompt.excerpt()).isEqualTo(PROMPT.substring(0, 16) + "…");
        for (Finding f : recorded.events.get(0).findings()) {
            assertThat(f.excerpt().length()).isLessThanOrEqualTo(17);
        }
    }

    @Test
    void allowedRequestsProduceNoEventByDefault() {
        Guard guard = Guard.create(GuardConfig.builder().stage("ok", ScriptedStage.passing("ok", log)).sink(recorded).build());

        for (int i = 0; i < 50; i++) {
            Verdict verdict = guard.inspect(GuardRequest.builder().build());
            guard.complete(verdict.exchange(), ResponseInfo.of(200, Usage.unknown()));
        }

        assertThat(recorded.events).isEmpty();
    }

    @Test
    void allowedRequestsAreSampledOnCompleteWithTheResponseStatus() throws Exception {
        Guard guard = Guard.create(GuardConfig.builder()
                .stage("ok", ScriptedStage.passing("ok", log))
                .sink(recorded)
                .events(new EventOptions(1.0, 64, false))
                .build());

        Verdict verdict = guard.inspect(GuardRequest.builder().path("/v1/models").build());
        assertThat(recorded.events).isEmpty();
        guard.complete(verdict.exchange(), ResponseInfo.of(201, Usage.unknown()));

        assertThat(recorded.events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventType.REQUEST_ALLOWED);
            assertThat(e.httpStatus()).isEqualTo(201);
        });
        JsonNode ocsf = json.readTree(mapper.toJson(recorded.events.get(0)));
        OcsfRequiredFields.assertValid(ocsf);
        assertThat(ocsf.at("/http_response/code").asInt()).isEqualTo(201);
        assertThat(ocsf.get("disposition_id").asInt()).isEqualTo(1);
    }

    @Test
    void costFiguresStagesRecordReachTheEventAndItsOcsfForm() throws Exception {
        Stage metered = new Stage() {
            @Override
            public StageOutcome inspect(Exchange exchange) {
                exchange.addCost("tokens.input.estimated", 12);
                return StageOutcome.pass();
            }

            @Override
            public void complete(Exchange exchange, ResponseInfo response) {
                exchange.addCost("tokens.output.charged", 40);
            }
        };
        Guard guard = Guard.create(GuardConfig.builder().stage("budget", metered).sink(recorded)
                .events(new EventOptions(1.0, 64, false)).build());

        Verdict verdict = guard.inspect(GuardRequest.builder().path("/v1/chat/completions").build());
        guard.complete(verdict.exchange(), ResponseInfo.of(200, Usage.unknown()));

        assertThat(recorded.events).singleElement().satisfies(e -> assertThat(e.cost())
                .containsExactlyInAnyOrderEntriesOf(Map.of("tokens.input.estimated", 12L, "tokens.output.charged", 40L)));
        JsonNode ocsf = json.readTree(mapper.toJson(recorded.events.get(0)));
        assertThat(ocsf.at("/unmapped/aiguard/cost/tokens.output.charged").asLong()).isEqualTo(40);
    }

    @Test
    void partialSamplingIsDeterministicByRequestId() {
        Guard guard = Guard.create(GuardConfig.builder()
                .stage("ok", ScriptedStage.passing("ok", log))
                .sink(recorded)
                .events(new EventOptions(0.25, 64, false))
                .build());

        for (int i = 0; i < 2000; i++) {
            Verdict verdict = guard.inspect(GuardRequest.builder().requestId("req-" + i).build());
            guard.complete(verdict.exchange(), ResponseInfo.of(200, Usage.unknown()));
        }
        List<String> first = recorded.events.stream().map(SecurityEvent::requestId).toList();
        recorded.events.clear();
        for (int i = 0; i < 2000; i++) {
            Verdict verdict = guard.inspect(GuardRequest.builder().requestId("req-" + i).build());
            guard.complete(verdict.exchange(), ResponseInfo.of(200, Usage.unknown()));
        }

        assertThat(first.size()).isBetween(350, 650);
        assertThat(recorded.events).extracting(SecurityEvent::requestId).containsExactlyElementsOf(first);
    }

    @Test
    void updateEmitsAPolicyLoadedEventThatIsAnApplicationLifecycleUpdate() throws Exception {
        RecordingSink oldSink = new RecordingSink();
        Guard guard = Guard.create(GuardConfig.builder().version("v1").sink(oldSink).build());

        guard.update(GuardConfig.builder().version("v2").sink(recorded).build());

        assertThat(oldSink.closes).hasValue(1);
        assertThat(recorded.events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventType.POLICY_LOADED);
            assertThat(e.message()).contains("v2").contains("v1");
        });
        JsonNode ocsf = json.readTree(mapper.toJson(recorded.events.get(0)));
        OcsfRequiredFields.assertValid(ocsf);
        assertThat(ocsf.get("class_uid").asInt()).isEqualTo(6002);
    }

    @Test
    void fileSinkOfAGuardIsDrainedByGuardClose() throws Exception {
        FileEventSink sink = new FileEventSink(dir.resolve("close.jsonl"), 1024, mapper);
        Guard guard = Guard.create(GuardConfig.builder()
                .stage("block", ScriptedStage.returning("block", log,
                        StageOutcome.block(Block.forbidden("x", List.of("r")), List.of())))
                .sink(sink).build());
        for (int i = 0; i < 100; i++) {
            guard.inspect(GuardRequest.builder().build());
        }

        guard.close();

        assertThat(Files.readAllLines(dir.resolve("close.jsonl"))).hasSize(100);
    }

    private static String captureStderr(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
