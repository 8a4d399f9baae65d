package dev.aiguard.micrometer.otel;

import dev.aiguard.api.EventSink;
import dev.aiguard.api.EventType;
import dev.aiguard.api.Exchange;
import dev.aiguard.api.GuardObserver;
import dev.aiguard.api.ResponseInfo;
import dev.aiguard.api.SecurityEvent;
import dev.aiguard.api.StageOutcome;
import dev.aiguard.api.Usage;
import dev.aiguard.api.Verdict;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;

import java.util.List;

/**
 * Annotates the request's current OpenTelemetry span (the server span the host's instrumentation opened) with what the
 * guard decided and what the request cost, using the GenAI semantic conventions where they fit
 * ({@code gen_ai.request.model}, {@code gen_ai.request.max_tokens}, {@code gen_ai.operation.name},
 * {@code gen_ai.usage.input_tokens}, {@code gen_ai.usage.output_tokens}) and {@code aiguard.*} attributes for the
 * rest. Blocks, would-blocks and stage failures become span events; each stage's time is a {@code aiguard.stage}
 * event.
 *
 * <p>It creates no spans and needs no SDK: with no recording span current, it does nothing. It never records prompt
 * text, credentials or findings' excerpts. Only {@code opentelemetry-api} is needed (an optional dependency);
 * {@code aiguard-llm} on the class path adds the model attributes.
 */
public final class AiGuardTracing implements EventSink, GuardObserver {

    static final AttributeKey<String> VERDICT = AttributeKey.stringKey("aiguard.verdict");
    static final AttributeKey<String> POLICY_VERSION = AttributeKey.stringKey("aiguard.policy.version");
    static final AttributeKey<String> REASON = AttributeKey.stringKey("aiguard.reason");
    static final AttributeKey<String> STAGE = AttributeKey.stringKey("aiguard.stage");
    static final AttributeKey<List<String>> RULE_IDS = AttributeKey.stringArrayKey("aiguard.rule_ids");
    static final AttributeKey<String> TENANT = AttributeKey.stringKey("aiguard.tenant");
    static final AttributeKey<Long> DURATION_NS = AttributeKey.longKey("aiguard.duration_ns");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("aiguard.outcome");
    static final AttributeKey<Long> TOKENS_RESERVED = AttributeKey.longKey("aiguard.tokens.reserved");
    static final AttributeKey<Long> TOKENS_CHARGED = AttributeKey.longKey("aiguard.tokens.charged");
    static final AttributeKey<Long> TOKENS_REFUNDED = AttributeKey.longKey("aiguard.tokens.refunded");
    static final AttributeKey<Long> USAGE_INPUT = AttributeKey.longKey("gen_ai.usage.input_tokens");
    static final AttributeKey<Long> USAGE_OUTPUT = AttributeKey.longKey("gen_ai.usage.output_tokens");
    /** Most rule ids put on a span. */
    static final int MAX_RULE_IDS = 16;

    private static final Exchange.AttributeKey<Span> SPAN = new Exchange.AttributeKey<>("otel.span", Span.class);

    private final boolean llmAvailable = LlmAttributes.available();

    @Override
    public void stageInspected(Exchange exchange, String stage, long nanos, StageOutcome outcome) {
        Span span = Span.current();
        if (!span.isRecording()) {
            return;
        }
        span.addEvent("aiguard.stage", Attributes.of(STAGE, stage, DURATION_NS, nanos, OUTCOME,
                outcome.block() != null ? "block" : "pass"));
    }

    @Override
    public void inspected(Exchange exchange, Verdict verdict, long nanos) {
        Span span = Span.current();
        if (!span.isRecording()) {
            return;
        }
        exchange.attribute(SPAN, span);
        String v = verdict.blocked() ? "blocked" : verdict.wouldBlock() ? "would_block" : "allowed";
        span.setAttribute(VERDICT, v);
        span.setAttribute(POLICY_VERSION, exchange.policyVersion());
        span.setAttribute(DURATION_NS, nanos);
        if (exchange.principal().tenant() != null) {
            span.setAttribute(TENANT, exchange.principal().tenant());
        }
        if (llmAvailable) {
            LlmAttributes.apply(span, exchange.request());
        }
        if (verdict.blocked() || verdict.wouldBlock()) {
            AttributesBuilder a = Attributes.builder().put(REASON, verdict.reason());
            if (verdict.blockingStage() != null) {
                a.put(STAGE, verdict.blockingStage());
                span.setAttribute(STAGE, verdict.blockingStage());
            }
            List<String> rules = verdict.ruleIds();
            if (!rules.isEmpty()) {
                a.put(RULE_IDS, rules.size() > MAX_RULE_IDS ? rules.subList(0, MAX_RULE_IDS) : rules);
            }
            span.setAttribute(REASON, verdict.reason());
            span.addEvent(verdict.blocked() ? "aiguard.block" : "aiguard.would_block", a.build());
        }
    }

    @Override
    public void completed(Exchange exchange, ResponseInfo response) {
        Span span = exchange.attribute(SPAN);
        if (span == null || !span.isRecording()) {
            return;
        }
        Usage usage = response.usage();
        if (usage.inputTokens() >= 0) {
            span.setAttribute(USAGE_INPUT, usage.inputTokens());
        }
        if (usage.outputTokens() >= 0) {
            span.setAttribute(USAGE_OUTPUT, usage.outputTokens());
        }
        setIfAny(span, TOKENS_RESERVED, exchange.cost(Exchange.TOKENS_RESERVED));
        setIfAny(span, TOKENS_CHARGED, exchange.cost(Exchange.TOKENS_CHARGED));
        setIfAny(span, TOKENS_REFUNDED, exchange.cost(Exchange.TOKENS_REFUNDED));
    }

    private static void setIfAny(Span span, AttributeKey<Long> key, long value) {
        if (value != 0) {
            span.setAttribute(key, value);
        }
    }

    /** Stage failures become events on the span current when they happen (the request's). */
    @Override
    public void publish(SecurityEvent event) {
        if (event.type() != EventType.STAGE_FAILURE) {
            return;
        }
        Span span = Span.current();
        if (span.isRecording()) {
            span.addEvent("aiguard.stage_failure", Attributes.of(STAGE,
                    event.blockingStage() == null ? "" : event.blockingStage(), REASON, event.reason()));
        }
    }
}
