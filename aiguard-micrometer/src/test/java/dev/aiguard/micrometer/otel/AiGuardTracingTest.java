package dev.aiguard.micrometer.otel;

import dev.aiguard.api.Block;
import dev.aiguard.api.Exchange;
import dev.aiguard.api.Guard;
import dev.aiguard.api.GuardConfig;
import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.Headers;
import dev.aiguard.api.PolicyLoader;
import dev.aiguard.api.Principal;
import dev.aiguard.api.ResponseInfo;
import dev.aiguard.api.Stage;
import dev.aiguard.api.StageOutcome;
import dev.aiguard.api.Usage;
import dev.aiguard.api.Verdict;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Span attributes and events, read back from the OpenTelemetry SDK's in-memory exporter. */
class AiGuardTracingTest {

    private static final String PROMPT = "SECRET-PROMPT-TEXT tell me a story";

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
    private final Tracer tracer = provider.get("test");

    @AfterEach
    void shutdown() {
        provider.shutdown();
    }

    /** Tenant acme; reserves 1000 tokens, charges what was used; blocks paths under /deny. */
    private static Stage stage() {
        return new Stage() {
            @Override
            public StageOutcome inspect(Exchange exchange) {
                exchange.principal(new Principal("svc", "acme", Set.of(), null, Map.of()));
                exchange.addCost(Exchange.TOKENS_RESERVED, 1000);
                return exchange.request().path().startsWith("/deny")
                        ? StageOutcome.block(Block.forbidden("waf.crs", List.of("942100", "949110")), List.of())
                        : StageOutcome.pass();
            }

            @Override
            public void complete(Exchange exchange, ResponseInfo response) {
                long used = exchange.verdict().blocked() ? 0 : response.usage().totalTokens();
                exchange.addCost(Exchange.TOKENS_CHARGED, used);
                exchange.addCost(Exchange.TOKENS_REFUNDED, 1000 - used);
            }
        };
    }

    private static GuardRequest chat(String path) {
        return GuardRequest.builder().method("POST").uri(path).headers(Headers.of("Content-Type", "application/json"))
                .body("{\"model\":\"gpt-4o-mini\",\"max_tokens\":256,\"messages\":[{\"role\":\"user\",\"content\":\""
                        + PROMPT + "\"}]}")
                .build();
    }

    private SpanData serve(Guard guard, GuardRequest request, Usage usage) {
        Span server = tracer.spanBuilder("POST " + request.path()).setSpanKind(SpanKind.SERVER).startSpan();
        try (Scope ignored = server.makeCurrent()) {
            Verdict v = guard.inspect(request);
            guard.complete(v.exchange(), ResponseInfo.of(v.httpStatus(), usage));
        } finally {
            server.end();
        }
        return exporter.getFinishedSpanItems().get(exporter.getFinishedSpanItems().size() - 1);
    }

    @Test
    void allowedRequestCarriesGenAiAttributesAndUsage() {
        Guard guard = Guard.create(GuardConfig.builder().version("p1").stage("s", stage()).build(),
                List.of(new AiGuardTracing()));

        SpanData span = serve(guard, chat("/v1/chat/completions"), new Usage(40, 60));

        assertThat(span.getAttributes().get(AttributeKey.stringKey("gen_ai.request.model"))).isEqualTo("gpt-4o-mini");
        assertThat(span.getAttributes().get(AttributeKey.longKey("gen_ai.request.max_tokens"))).isEqualTo(256L);
        assertThat(span.getAttributes().get(AttributeKey.stringKey("gen_ai.operation.name"))).isEqualTo("chat");
        assertThat(span.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens"))).isEqualTo(40L);
        assertThat(span.getAttributes().get(AttributeKey.longKey("gen_ai.usage.output_tokens"))).isEqualTo(60L);
        assertThat(span.getAttributes().get(AiGuardTracing.VERDICT)).isEqualTo("allowed");
        assertThat(span.getAttributes().get(AiGuardTracing.POLICY_VERSION)).isEqualTo("p1");
        assertThat(span.getAttributes().get(AiGuardTracing.TENANT)).isEqualTo("acme");
        assertThat(span.getAttributes().get(AiGuardTracing.TOKENS_RESERVED)).isEqualTo(1000L);
        assertThat(span.getAttributes().get(AiGuardTracing.TOKENS_CHARGED)).isEqualTo(100L);
        assertThat(span.getAttributes().get(AiGuardTracing.TOKENS_REFUNDED)).isEqualTo(900L);
        assertThat(span.getEvents()).extracting(EventData::getName).containsExactly("aiguard.stage");
        assertThat(span.getAttributes().asMap().values()).noneMatch(v -> v.toString().contains("SECRET-PROMPT"));
    }

    @Test
    void blockedRequestGetsABlockEventWithReasonStageAndRules() {
        Guard guard = Guard.create(GuardConfig.builder().stage("waf", stage()).build(), List.of(new AiGuardTracing()));

        SpanData span = serve(guard, chat("/deny"), Usage.unknown());

        assertThat(span.getAttributes().get(AiGuardTracing.VERDICT)).isEqualTo("blocked");
        assertThat(span.getAttributes().get(AiGuardTracing.REASON)).isEqualTo("waf.crs");
        EventData block = span.getEvents().stream().filter(e -> e.getName().equals("aiguard.block")).findFirst()
                .orElseThrow();
        assertThat(block.getAttributes().get(AiGuardTracing.STAGE)).isEqualTo("waf");
        assertThat(block.getAttributes().get(AiGuardTracing.RULE_IDS)).containsExactly("942100", "949110");
        assertThat(span.getAttributes().get(AiGuardTracing.TOKENS_REFUNDED)).isEqualTo(1000L);
        assertThat(span.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens"))).isNull();
    }

    @Test
    void stageFailureBecomesASpanEvent() {
        Guard guard = Guard.create(GuardConfig.builder().stage("broken", exchange -> {
            throw new IllegalStateException("boom");
        }).build(), List.of(new AiGuardTracing()));

        SpanData span = serve(guard, chat("/x"), Usage.unknown());

        assertThat(span.getEvents()).extracting(EventData::getName).contains("aiguard.stage_failure");
        assertThat(span.getAttributes().get(AiGuardTracing.VERDICT)).isEqualTo("blocked");
    }

    @Test
    void withoutARecordingSpanNothingHappens() {
        Guard guard = Guard.create(GuardConfig.builder().stage("s", stage()).build(), List.of(new AiGuardTracing()));

        Verdict v = guard.inspect(chat("/v1/chat/completions"));
        guard.complete(v.exchange(), ResponseInfo.of(200, new Usage(1, 1)));

        assertThat(v.allowed()).isTrue();
        assertThat(exporter.getFinishedSpanItems()).isEmpty();
    }

    @Test
    void policySinkTypeOpentelemetryIsAvailable() throws Exception {
        Guard guard = Guard.create(PolicyLoader.create().load("otel.yaml", """
                apiVersion: aiguard.dev/v1
                events:
                  sinks:
                    - type: opentelemetry
                """).toGuardConfig());

        SpanData span = serve(guard, chat("/v1/chat/completions"), Usage.unknown());

        assertThat(span.getAttributes().get(AiGuardTracing.VERDICT)).isEqualTo("allowed");
    }
}
