package dev.aiguard.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.aiguard.api.ScriptedStage.finding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** Stage errors and budget overruns: findings and events, fail-open or fail-closed, and a guard that never throws. */
class GuardFailureTest {

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final RecordingSink sink = new RecordingSink();

    private static GuardRequest request() {
        return GuardRequest.builder().method("GET").path("/v1/models").build();
    }

    private Guard guardWith(ConfiguredStage broken) {
        return Guard.create(GuardConfig.builder()
                .stage(broken)
                .stage("after", ScriptedStage.passing("after", log))
                .sink(sink)
                .build());
    }

    @Test
    void throwingStageFailingOpenBecomesAFindingAndAnEventAndLaterStagesRun() {
        Guard guard = guardWith(ConfiguredStage.of("broken", ScriptedStage.throwing("broken", log,
                new IllegalStateException("boom"))).withBudget(Duration.ofSeconds(1), true));

        Verdict verdict = guard.inspect(request());

        assertThat(verdict.allowed()).isTrue();
        assertThat(verdict.findings()).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo(Guard.STAGE_ERROR_RULE);
            assertThat(f.stage()).isEqualTo("broken");
            assertThat(f.message()).contains("IllegalStateException").doesNotContain("boom");
        });
        assertThat(log).containsExactly("inspect:broken", "inspect:after");
        assertThat(sink.ofType(EventType.STAGE_FAILURE)).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo(Guard.STAGE_ERROR_RULE);
            assertThat(e.blockingStage()).isEqualTo("broken");
            assertThat(e.httpStatus()).isZero();
        });
    }

    @Test
    void throwingStageFailingClosedAnswers503AndStopsThePipeline() {
        Guard guard = guardWith(ConfiguredStage.of("broken", ScriptedStage.throwing("broken", log,
                new IOException("disk"))).withBudget(Duration.ofSeconds(1), false));

        Verdict verdict = guard.inspect(request());

        assertThat(verdict.blocked()).isTrue();
        assertThat(verdict.httpStatus()).isEqualTo(503);
        assertThat(verdict.grpcStatus()).isEqualTo(14);
        assertThat(verdict.reason()).isEqualTo(Guard.STAGE_ERROR_RULE);
        assertThat(log).containsExactly("inspect:broken");
        assertThat(sink.events).extracting(SecurityEvent::type)
                .containsExactly(EventType.STAGE_FAILURE, EventType.REQUEST_BLOCKED);
        assertThat(sink.ofType(EventType.STAGE_FAILURE).get(0).httpStatus()).isEqualTo(503);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"assertion", "stackoverflow", "linkage", "null-outcome"})
    void anyNonFatalThrowableOrNullOutcomeIsContained(String kind) {
        ScriptedStage stage = switch (kind) {
            case "assertion" -> ScriptedStage.throwing("broken", log, new AssertionError("bad"));
            case "stackoverflow" -> ScriptedStage.throwing("broken", log, new StackOverflowError());
            case "linkage" -> ScriptedStage.throwing("broken", log, new NoClassDefFoundError("x/Y"));
            default -> ScriptedStage.returning("broken", log, null);
        };
        Guard guard = guardWith(ConfiguredStage.of("broken", stage));

        Verdict[] verdict = new Verdict[1];
        assertThatCode(() -> verdict[0] = guard.inspect(request())).doesNotThrowAnyException();

        assertThat(verdict[0].httpStatus()).isEqualTo(503);
        assertThat(verdict[0].findings()).extracting(Finding::ruleId).containsExactly(Guard.STAGE_ERROR_RULE);
    }

    @Test
    void interruptedStageKeepsTheThreadsInterruptFlag() {
        Guard guard = guardWith(ConfiguredStage.of("broken", ScriptedStage.throwing("broken", log,
                new InterruptedException())).withBudget(Duration.ofSeconds(1), true));
        try {
            Verdict verdict = guard.inspect(request());

            assertThat(verdict.allowed()).isTrue();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void budgetOverrunFailingOpenKeepsTheStagesAnswerAndEmitsAnEvent() {
        StageOutcome found = StageOutcome.pass(List.of(finding("slow", "r1", Severity.LOW)));
        Guard guard = guardWith(ConfiguredStage.of("slow", ScriptedStage.sleeping("slow", log, 30, found))
                .withBudget(Duration.ofMillis(5), true));

        Verdict verdict = guard.inspect(request());

        assertThat(verdict.allowed()).isTrue();
        assertThat(verdict.findings()).extracting(Finding::ruleId).containsExactly("r1", Guard.STAGE_OVERRUN_RULE);
        assertThat(log).containsExactly("inspect:slow", "inspect:after");
        assertThat(sink.ofType(EventType.STAGE_FAILURE)).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo(Guard.STAGE_OVERRUN_RULE);
            assertThat(e.message()).contains("budget 5000 us");
        });
    }

    @Test
    void budgetOverrunFailingOpenStillEnforcesTheStagesOwnBlock() {
        StageOutcome block = StageOutcome.block(Block.forbidden("slow.block", List.of("r1")), List.of());
        Guard guard = guardWith(ConfiguredStage.of("slow", ScriptedStage.sleeping("slow", log, 30, block))
                .withBudget(Duration.ofMillis(5), true));

        Verdict verdict = guard.inspect(request());

        assertThat(verdict.httpStatus()).isEqualTo(403);
        assertThat(verdict.findings()).extracting(Finding::ruleId).containsExactly(Guard.STAGE_OVERRUN_RULE);
    }

    @Test
    void budgetOverrunFailingClosedAnswers503WithAnEvent() {
        Guard guard = guardWith(ConfiguredStage.of("slow", ScriptedStage.sleeping("slow", log, 30, StageOutcome.pass()))
                .withBudget(Duration.ofMillis(5), false));

        Verdict verdict = guard.inspect(request());

        assertThat(verdict.blocked()).isTrue();
        assertThat(verdict.httpStatus()).isEqualTo(503);
        assertThat(verdict.reason()).isEqualTo(Guard.STAGE_OVERRUN_RULE);
        assertThat(log).containsExactly("inspect:slow");
        assertThat(sink.events).extracting(SecurityEvent::type)
                .containsExactly(EventType.STAGE_FAILURE, EventType.REQUEST_BLOCKED);
    }

    @Test
    void failureOfAMonitoredStageFailingClosedOnlyWouldBlock() {
        Guard guard = guardWith(ConfiguredStage.of("broken", ScriptedStage.throwing("broken", log, new RuntimeException()))
                .withMode(Mode.MONITOR));

        Verdict verdict = guard.inspect(request());

        assertThat(verdict.allowed()).isTrue();
        assertThat(verdict.wouldBlock()).isTrue();
    }

    @Test
    void completeRunsEachStagesCompleteOnceEvenWhenCalledAgain() {
        ScriptedStage a = ScriptedStage.passing("a", log);
        ScriptedStage b = ScriptedStage.passing("b", log);
        Guard guard = Guard.create(GuardConfig.builder().stage("a", a).stage("b", b).build());
        Verdict verdict = guard.inspect(request());

        guard.complete(verdict.exchange(), ResponseInfo.of(200, new Usage(10, 20)));
        guard.complete(verdict.exchange(), ResponseInfo.of(200, new Usage(10, 20)));

        assertThat(a.completions).hasValue(1);
        assertThat(b.completions).hasValue(1);
    }

    @Test
    void completeNeverThrowsWhenAStageCompleteThrowsAndStillCompletesTheOthers() {
        ScriptedStage broken = ScriptedStage.passing("broken", log).completing((e, r) -> {
            throw new IllegalStateException("release failed");
        });
        ScriptedStage errorInComplete = ScriptedStage.passing("error", log).completing((e, r) -> {
            throw new AssertionError("bad");
        });
        ScriptedStage fine = ScriptedStage.passing("fine", log);
        Guard guard = Guard.create(GuardConfig.builder()
                .stage("broken", broken).stage("error", errorInComplete).stage("fine", fine).sink(sink).build());
        Verdict verdict = guard.inspect(request());

        assertThatCode(() -> guard.complete(verdict.exchange(), ResponseInfo.of(200, Usage.unknown())))
                .doesNotThrowAnyException();

        assertThat(fine.completions).hasValue(1);
        assertThat(sink.ofType(EventType.STAGE_FAILURE)).extracting(SecurityEvent::blockingStage)
                .containsExactly("broken", "error");
    }

    @Test
    void completeIgnoresNullArguments() {
        Guard guard = Guard.create(GuardConfig.builder().stage("a", ScriptedStage.passing("a", log)).build());
        Verdict verdict = guard.inspect(request());

        assertThatCode(() -> {
            guard.complete(null, ResponseInfo.of(200, Usage.unknown()));
            guard.complete(verdict.exchange(), null);
        }).doesNotThrowAnyException();
        assertThat(log).containsExactly("inspect:a");
    }

    @Test
    void throwingSinkDoesNotBreakTheRequest() {
        EventSink throwing = event -> {
            throw new IllegalStateException("sink down");
        };
        Guard guard = Guard.create(GuardConfig.builder()
                .stage("block", ScriptedStage.returning("block", log,
                        StageOutcome.block(Block.forbidden("x", List.of("r")), List.of())))
                .sink(throwing).sink(sink).build());

        Verdict verdict = guard.inspect(request());

        assertThat(verdict.httpStatus()).isEqualTo(403);
        assertThat(sink.ofType(EventType.REQUEST_BLOCKED)).hasSize(1);
    }
}
