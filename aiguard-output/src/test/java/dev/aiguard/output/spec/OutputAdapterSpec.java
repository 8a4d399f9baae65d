package dev.aiguard.output.spec;

import dev.aiguard.api.ConfiguredStage;
import dev.aiguard.api.EventSink;
import dev.aiguard.api.EventType;
import dev.aiguard.api.Exchange;
import dev.aiguard.api.Finding;
import dev.aiguard.api.Guard;
import dev.aiguard.api.GuardConfig;
import dev.aiguard.api.Mode;
import dev.aiguard.api.OutputChunk;
import dev.aiguard.api.OutputFilter;
import dev.aiguard.api.OutputStage;
import dev.aiguard.api.SecurityEvent;
import dev.aiguard.api.Stage;
import dev.aiguard.api.StageContext;
import dev.aiguard.api.StageOutcome;
import dev.aiguard.output.OutputStageConfig;
import dev.aiguard.output.internal.OutputStageFactory;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The response side as every adapter must give it, on a real server: the model's answer goes through the exchange's
 * output stages, streamed (SSE events, server-streaming messages) or whole (a buffered JSON body, a unary answer), with
 * strict (hold back) and audit (inspect behind) streaming, and redact / block actions. Each adapter's test module
 * extends this with a real server (the servlet container, grpc-netty, a Vert.x HTTP server) on a loopback port and
 * translates what its client received into an {@link Answer}. The adapter only translates; the decisions asserted here
 * are the output stage's.
 */
public abstract class OutputAdapterSpec {

    /** A secret (the AWS documentation key) split over three chunks, as a model's tokens split it. */
    protected static final List<String> LEAKING = List.of("Your key is AKIAIOS", "FODNN7EXA", "MPLE, keep it", " safe.");
    /** A personal-data answer, sent whole. */
    protected static final String PERSONAL = "mail jane.doe@example.com";

    /** Every event the guards made by {@link #guard} published. */
    protected final List<SecurityEvent> events = new CopyOnWriteArrayList<>();

    /**
     * What the client received.
     *
     * @param text   the generated text, joined in order (the {@code content}/{@code text} of every chunk or message)
     * @param ended  whether the answer ended normally (an SSE {@code [DONE]}, a gRPC {@code OK}, a complete body)
     * @param reason the reason code the adapter gave when the guard stopped the answer (the {@code aiguard.cut} event,
     *               the gRPC status's reason, the problem's {@code detail}); {@code null} when it was not stopped
     */
    public record Answer(String text, boolean ended, String reason) {
    }

    /** Serves a model streaming each piece as its own chunk (SSE event, streamed message) and calls it through the guard. */
    protected abstract Answer stream(Guard guard, List<String> pieces) throws Exception;

    /** Serves a model answering {@code text} in one body (buffered JSON, a unary call) and calls it through the guard. */
    protected abstract Answer whole(Guard guard, String text) throws Exception;

    protected Guard guard(String streaming, Map<String, String> actions) {
        return guard(outputStage(streaming, actions));
    }

    protected Guard guard(ConfiguredStage... stages) {
        EventSink sink = events::add;
        GuardConfig.Builder config = GuardConfig.builder().sink(sink);
        Arrays.stream(stages).forEach(config::stage);
        return Guard.create(config.build());
    }

    protected static ConfiguredStage outputStage(String streaming, Map<String, String> actions) {
        OutputStageConfig config = new OutputStageConfig(streaming, 64, actions, null, null, null, null, null, null, null);
        Stage stage = new OutputStageFactory().create(config, new StageContext("output", Mode.ENFORCE, Map.of(), null));
        return ConfiguredStage.of("output", stage);
    }

    private List<EventType> eventTypes() {
        return events.stream().map(SecurityEvent::type).toList();
    }

    @Test
    void strictStreamingRedactsASecretSplitAcrossChunks() throws Exception {
        Answer answer = stream(guard("strict", Map.of()), LEAKING);

        assertThat(answer.text()).isEqualTo("Your key is [REDACTED:aws_access_key], keep it safe.");
        assertThat(answer.ended()).isTrue();
        assertThat(answer.reason()).isNull();
        assertThat(eventTypes()).containsExactly(EventType.RESPONSE_REDACTED);
        assertThat(events.get(0).ruleIds()).containsExactly("secret.aws_access_key");
    }

    @Test
    void auditStreamingForwardsTheAnswerAndReportsTheSecret() throws Exception {
        Answer answer = stream(guard("audit", Map.of()), LEAKING);

        assertThat(answer.text()).isEqualTo(String.join("", LEAKING));
        assertThat(answer.ended()).isTrue();
        assertThat(eventTypes()).containsExactly(EventType.RESPONSE_FLAGGED);
        assertThat(events.get(0).ruleIds()).containsExactly("secret.aws_access_key");
    }

    @Test
    void strictBlockStopsTheStreamBeforeTheSecretLeaves() throws Exception {
        Answer answer = stream(guard("strict", Map.of("secret", "block")), LEAKING);

        assertThat(answer.text()).doesNotContain("AKIA", "FODNN7", "safe");
        assertThat(answer.ended()).isFalse();
        assertThat(answer.reason()).isEqualTo("output.secret");
        assertThat(eventTypes()).containsExactly(EventType.RESPONSE_BLOCKED);
    }

    @Test
    void auditBlockStopsTheRestOfTheStream() throws Exception {
        // Audit inspects behind the window (64 chars here): the answer goes on well past it before the end.
        List<String> pieces = new java.util.ArrayList<>(LEAKING);
        for (int i = 0; i < 12; i++) {
            pieces.add(" and then some more text");
        }
        pieces.add(" THE END.");
        Answer answer = stream(guard("audit", Map.of("secret", "block")), pieces);

        // Audit forwards first: the key has gone out, what the model says well after it has not.
        assertThat(answer.text()).startsWith("Your key is AKIAIOSFODNN7EXAMPLE").doesNotContain("THE END");
        assertThat(answer.ended()).isFalse();
        assertThat(answer.reason()).isEqualTo("output.secret");
        assertThat(eventTypes()).containsExactly(EventType.RESPONSE_BLOCKED);
    }

    @Test
    void monitorModeForwardsUnchangedAndReportsWhatItWouldHaveDone() throws Exception {
        Answer answer = stream(guard(outputStage("strict", Map.of("secret", "block")).withMode(Mode.MONITOR)), LEAKING);

        assertThat(answer.text()).isEqualTo(String.join("", LEAKING));
        assertThat(answer.ended()).isTrue();
        assertThat(eventTypes()).containsExactly(EventType.RESPONSE_FLAGGED);
        assertThat(events.get(0).findings()).extracting(Finding::message).allMatch(m -> m.contains("would block"));
    }

    @Test
    void aCleanStreamPassesUntouchedAndUnreported() throws Exception {
        List<String> clean = List.of("The capital", " of France", " is Paris.");
        Answer answer = stream(guard("strict", Map.of()), clean);

        assertThat(answer.text()).isEqualTo("The capital of France is Paris.");
        assertThat(answer.ended()).isTrue();
        assertThat(events).isEmpty();
    }

    @Test
    void aWholeAnswerIsRedacted() throws Exception {
        Answer answer = whole(guard("strict", Map.of()), PERSONAL);

        assertThat(answer.text()).isEqualTo("mail [REDACTED:email]");
        assertThat(answer.ended()).isTrue();
        assertThat(eventTypes()).containsExactly(EventType.RESPONSE_REDACTED);
    }

    @Test
    protected void aBlockedWholeAnswerIsRefusedWithItsReason() throws Exception {
        Answer answer = whole(guard("strict", Map.of("pii", "block")), PERSONAL);

        assertThat(answer.text()).doesNotContain("jane");
        assertThat(answer.ended()).isFalse();
        assertThat(answer.reason()).isEqualTo("output.pii");
        assertThat(eventTypes()).containsExactly(EventType.RESPONSE_BLOCKED);
    }

    @Test
    void aFailingOutputFilterThatFailsClosedStopsTheAnswer() throws Exception {
        Answer answer = stream(guard(ConfiguredStage.of("broken", new FailingOutputStage())), LEAKING);

        assertThat(answer.text()).doesNotContain("AKIA", "safe");
        assertThat(answer.ended()).isFalse();
        assertThat(answer.reason()).isEqualTo(Guard.STAGE_ERROR_RULE);
        assertThat(eventTypes()).contains(EventType.STAGE_FAILURE, EventType.RESPONSE_BLOCKED);
    }

    @Test
    void aFailingOutputFilterThatFailsOpenLetsTheAnswerThrough() throws Exception {
        ConfiguredStage broken = ConfiguredStage.of("broken", new FailingOutputStage())
                .withBudget(ConfiguredStage.DEFAULT_BUDGET, true);
        Answer answer = stream(guard(broken), LEAKING);

        assertThat(answer.text()).isEqualTo(String.join("", LEAKING));
        assertThat(answer.ended()).isTrue();
        assertThat(eventTypes()).contains(EventType.STAGE_FAILURE);
    }

    @Test
    void anOutputFilterOverItsBudgetIsHandledAsTheStageSays() throws Exception {
        ConfiguredStage slow = ConfiguredStage.of("slow", new SlowOutputStage(Duration.ofMillis(30)))
                .withBudget(Duration.ofMillis(5), false);
        Answer answer = stream(guard(slow), LEAKING);

        assertThat(answer.ended()).isFalse();
        assertThat(answer.reason()).isEqualTo(Guard.STAGE_OVERRUN_RULE);
        assertThat(events).filteredOn(e -> e.type() == EventType.STAGE_FAILURE).isNotEmpty()
                .allMatch(e -> e.ruleIds().contains(Guard.STAGE_OVERRUN_RULE));
    }

    /** An output stage whose filter throws on the first bytes (a stage bug). */
    protected static final class FailingOutputStage implements Stage, OutputStage {
        @Override
        public StageOutcome inspect(Exchange exchange) {
            return StageOutcome.pass();
        }

        @Override
        public OutputFilter openOutput(Exchange exchange, String contentType, Mode mode) {
            return new OutputFilter() {
                @Override
                public OutputChunk write(byte[] bytes, int offset, int length) {
                    throw new IllegalStateException("filter bug");
                }

                @Override
                public OutputChunk finish() {
                    return OutputChunk.empty();
                }
            };
        }
    }

    /** An output stage whose filter forwards everything, each chunk after a fixed delay (a stage too slow for its budget). */
    protected static final class SlowOutputStage implements Stage, OutputStage {
        private final Duration delay;

        public SlowOutputStage(Duration delay) {
            this.delay = delay;
        }

        @Override
        public StageOutcome inspect(Exchange exchange) {
            return StageOutcome.pass();
        }

        @Override
        public OutputFilter openOutput(Exchange exchange, String contentType, Mode mode) {
            return new OutputFilter() {
                @Override
                public OutputChunk write(byte[] bytes, int offset, int length) {
                    try {
                        Thread.sleep(delay.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return OutputChunk.pass(Arrays.copyOfRange(bytes, offset, offset + length));
                }

                @Override
                public OutputChunk finish() {
                    return OutputChunk.empty();
                }
            };
        }
    }
}
