package dev.aiguard.api;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Stages warm up on a synthetic chat request before a configuration serves, and a failing warm-up changes nothing. */
class GuardWarmUpTest {

    private final RecordingSink sink = new RecordingSink();

    /** A stage recording what it warmed up on; optionally failing. */
    private static final class WarmingStage implements Stage {
        final List<GuardRequest> samples = new CopyOnWriteArrayList<>();
        private final RuntimeException failure;

        WarmingStage(RuntimeException failure) {
            this.failure = failure;
        }

        @Override
        public void warmUp(Exchange sample) {
            samples.add(sample.request());
            if (failure != null) {
                throw failure;
            }
        }

        @Override
        public StageOutcome inspect(Exchange exchange) {
            return StageOutcome.pass();
        }
    }

    private GuardConfig config(String version, Stage... stages) {
        GuardConfig.Builder builder = GuardConfig.builder().version(version).sink(sink);
        for (int i = 0; i < stages.length; i++) {
            builder.stage("s" + i, stages[i]);
        }
        return builder.build();
    }

    @Test
    void createWarmsEveryStageOnAChatCompletionSampleBeforeTheFirstRequest() {
        WarmingStage first = new WarmingStage(null);
        WarmingStage second = new WarmingStage(null);

        Guard.create(config("v1", first, second));

        assertThat(first.samples).hasSize(WarmUpSample.PASSES);
        assertThat(second.samples).hasSize(WarmUpSample.PASSES);
        assertThat(first.samples).allSatisfy(sample -> {
            assertThat(sample.method()).isEqualTo("POST");
            assertThat(sample.path()).isEqualTo("/v1/chat/completions");
            assertThat(sample.requestId()).isEqualTo(WarmUpSample.REQUEST_ID);
            assertThat(sample.bodyAsString()).contains("\"messages\"");
        });
    }

    @Test
    void aFailingWarmUpIsNotRetriedAndTheGuardServesWithoutEvents() {
        WarmingStage broken = new WarmingStage(new IllegalStateException("cold"));

        Guard guard = Guard.create(config("v1", broken));
        Verdict verdict = guard.inspect(GuardRequest.builder().method("GET").path("/v1/models").build());

        assertThat(broken.samples).hasSize(1);
        assertThat(verdict.allowed()).isTrue();
        assertThat(sink.ofType(EventType.STAGE_FAILURE)).isEmpty();
    }

    @Test
    void updateWarmsTheNewConfigurationBeforeItServes() {
        WarmingStage old = new WarmingStage(null);
        WarmingStage next = new WarmingStage(null);
        Guard guard = Guard.create(config("v1", old));

        guard.update(config("v2", next));

        assertThat(next.samples).hasSize(WarmUpSample.PASSES);
        assertThat(old.samples).hasSize(WarmUpSample.PASSES);
        assertThat(guard.policyVersion()).isEqualTo("v2");
    }
}
