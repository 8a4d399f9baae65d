package dev.aiguard.api;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Observers see every request: stage timings, the verdict, completion with cost figures, configuration changes. */
class GuardObserverTest {

    private final List<String> log = new CopyOnWriteArrayList<>();

    /** A sink that is also an observer, recording what it is told. */
    private static final class Recorder extends RecordingSinkBase implements GuardObserver {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public void configured(GuardConfig config) {
            calls.add("configured:" + config.version());
        }

        @Override
        public void stageInspected(Exchange exchange, String stage, long nanos, StageOutcome outcome) {
            calls.add("stage:" + stage + ":" + (outcome.block() != null) + ":" + (nanos >= 0));
        }

        @Override
        public void inspected(Exchange exchange, Verdict verdict, long nanos) {
            calls.add("verdict:" + verdict.httpStatus());
        }

        @Override
        public void completed(Exchange exchange, ResponseInfo response) {
            calls.add("completed:" + response.status() + ":" + exchange.costs());
        }
    }

    /** Base so the recorder is an EventSink too. */
    private abstract static class RecordingSinkBase implements EventSink {
        final List<SecurityEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public void publish(SecurityEvent event) {
            events.add(event);
        }
    }

    private static GuardRequest request() {
        return GuardRequest.builder().method("GET").uri("/x").build();
    }

    @Test
    void policySinkThatObservesSeesEveryStageVerdictAndCompletion() {
        Recorder recorder = new Recorder();
        Stage costly = new ScriptedStage("cost", log, e -> {
            e.addCost(Exchange.TOKENS_RESERVED, 100);
            return StageOutcome.pass();
        }, (e, r) -> {
            e.addCost(Exchange.TOKENS_CHARGED, 40);
            e.addCost(Exchange.TOKENS_REFUNDED, 60);
        });
        Guard guard = Guard.create(GuardConfig.builder().version("v1").stage("a", ScriptedStage.passing("a", log))
                .stage("cost", costly).sink(recorder).build());

        Verdict verdict = guard.inspect(request());
        guard.complete(verdict.exchange(), ResponseInfo.of(200, Usage.unknown()));

        assertThat(recorder.calls).hasSize(5).startsWith("configured:v1", "stage:a:false:true",
                "stage:cost:false:true", "verdict:200");
        assertThat(recorder.calls.get(4)).startsWith("completed:200:").contains("tokens.reserved=100",
                "tokens.charged=40", "tokens.refunded=60");
        assertThat(verdict.exchange().costs()).containsEntry(Exchange.TOKENS_RESERVED, 100L)
                .containsEntry(Exchange.TOKENS_CHARGED, 40L).containsEntry(Exchange.TOKENS_REFUNDED, 60L);
    }

    @Test
    void blockedRequestEventCarriesTheCostFigures() {
        Recorder recorder = new Recorder();
        Stage reserve = new ScriptedStage("reserve", log, e -> {
            e.addCost(Exchange.TOKENS_RESERVED, 7);
            e.addCost(Exchange.TOKENS_RESERVED, 5);
            return StageOutcome.pass();
        }, (e, r) -> { });
        Guard guard = Guard.create(GuardConfig.builder().stage("reserve", reserve)
                .stage("deny", ScriptedStage.returning("deny", log,
                        StageOutcome.block(Block.forbidden("nope", List.of("r1")), List.of())))
                .sink(recorder).build());

        Verdict verdict = guard.inspect(request());

        assertThat(verdict.blocked()).isTrue();
        assertThat(recorder.events).singleElement()
                .satisfies(e -> assertThat(e.cost()).containsExactlyEntriesOf(java.util.Map.of(Exchange.TOKENS_RESERVED, 12L)));
        assertThat(recorder.calls).contains("stage:deny:true:true", "verdict:403");
    }

    @Test
    void attachedObserverOutlivesUpdatesAndIsToldOfEachConfiguration() {
        Recorder attached = new Recorder();
        RecordingSink policySink = new RecordingSink();
        Guard guard = Guard.create(GuardConfig.builder().version("v1").sink(policySink).build(), List.of(attached));

        guard.update(GuardConfig.builder().version("v2").build());
        Verdict verdict = guard.inspect(request());
        guard.complete(verdict.exchange(), ResponseInfo.of(204, Usage.unknown()));

        assertThat(attached.calls).containsExactly("configured:v1", "configured:v2", "verdict:200", "completed:204:{}");
        assertThat(attached.events).extracting(SecurityEvent::type).containsExactly(EventType.POLICY_LOADED);
        assertThat(policySink.closes).hasValue(1);
        guard.close();
        assertThat(guard.attachedSinks()).containsExactly(attached);
    }

    @Test
    void failingObserverNeverBreaksTheRequest() {
        GuardObserver broken = new GuardObserver() {
            @Override
            public void inspected(Exchange exchange, Verdict verdict, long nanos) {
                throw new IllegalStateException("observer bug");
            }
        };
        EventSink sink = new BrokenObserverSink(broken);
        Guard guard = Guard.create(GuardConfig.builder().stage("a", ScriptedStage.passing("a", log)).sink(sink).build());

        Verdict verdict = guard.inspect(request());

        assertThat(verdict.allowed()).isTrue();
    }

    /** A sink delegating observation to a broken observer. */
    private record BrokenObserverSink(GuardObserver delegate) implements EventSink, GuardObserver {
        @Override
        public void publish(SecurityEvent event) {
        }

        @Override
        public void inspected(Exchange exchange, Verdict verdict, long nanos) {
            delegate.inspected(exchange, verdict, nanos);
        }
    }
}
