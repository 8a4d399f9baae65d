package dev.aiguard.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.aiguard.api.ScriptedStage.finding;
import static org.assertj.core.api.Assertions.assertThat;

/** How {@link Guard} runs stages: order, short-circuit, modes at guard, stage and rule level, determinism. */
class GuardPipelineTest {

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final RecordingSink sink = new RecordingSink();

    private static GuardRequest request() {
        return GuardRequest.builder().method("POST").uri("/v1/chat/completions?q=1").build();
    }

    private static StageOutcome blockBy(String stage, String rule) {
        return StageOutcome.block(Block.forbidden("test." + rule, List.of(rule)), List.of(finding(stage, rule, Severity.HIGH)));
    }

    @Test
    void stagesRunInConfiguredOrderAndCompleteInTheSameOrder() {
        Guard guard = Guard.create(GuardConfig.builder()
                .stage("first", ScriptedStage.passing("first", log))
                .stage("second", ScriptedStage.passing("second", log))
                .stage("third", ScriptedStage.passing("third", log))
                .build());

        Verdict verdict = guard.inspect(request());
        guard.complete(verdict.exchange(), ResponseInfo.of(200, Usage.unknown()));

        assertThat(verdict.allowed()).isTrue();
        assertThat(log).containsExactly("inspect:first", "inspect:second", "inspect:third",
                "complete:first", "complete:second", "complete:third");
    }

    @Test
    void findingsAccumulateInStageOrder() {
        Guard guard = Guard.create(GuardConfig.builder()
                .stage("a", ScriptedStage.returning("a", log, StageOutcome.pass(List.of(finding("a", "r1", Severity.LOW)))))
                .stage("b", ScriptedStage.returning("b", log, StageOutcome.pass(List.of(finding("b", "r2", Severity.MEDIUM)))))
                .build());

        Verdict verdict = guard.inspect(request());

        assertThat(verdict.allowed()).isTrue();
        assertThat(verdict.findings()).extracting(Finding::ruleId).containsExactly("r1", "r2");
    }

    @Test
    void enforcedBlockShortCircuitsLaterStagesAndTheirComplete() {
        ScriptedStage third = ScriptedStage.passing("third", log);
        Guard guard = Guard.create(GuardConfig.builder()
                .stage("first", ScriptedStage.passing("first", log))
                .stage("second", ScriptedStage.returning("second", log, blockBy("second", "r9")))
                .stage("third", third)
                .sink(sink)
                .build());

        Verdict verdict = guard.inspect(request());
        guard.complete(verdict.exchange(), ResponseInfo.of(verdict.httpStatus(), Usage.unknown()));

        assertThat(verdict.blocked()).isTrue();
        assertThat(verdict.httpStatus()).isEqualTo(403);
        assertThat(verdict.grpcStatus()).isEqualTo(7);
        assertThat(verdict.blockingStage()).isEqualTo("second");
        assertThat(verdict.ruleIds()).containsExactly("r9");
        assertThat(log).containsExactly("inspect:first", "inspect:second", "complete:first", "complete:second");
        assertThat(third.completions).hasValue(0);
        assertThat(sink.ofType(EventType.REQUEST_BLOCKED)).singleElement()
                .satisfies(e -> assertThat(e.blockingStage()).isEqualTo("second"));
    }

    @Test
    void monitorModeNeverBlocksButReportsWouldBlockAndEmitsAnEvent() {
        Guard guard = Guard.create(GuardConfig.builder()
                .mode(Mode.MONITOR)
                .stage("waf", ScriptedStage.returning("waf", log, blockBy("waf", "942100")))
                .stage("after", ScriptedStage.passing("after", log))
                .sink(sink)
                .build());

        Verdict verdict = guard.inspect(request());

        assertThat(verdict.allowed()).isTrue();
        assertThat(verdict.wouldBlock()).isTrue();
        assertThat(verdict.httpStatus()).isEqualTo(200);
        assertThat(verdict.findings()).extracting(Finding::ruleId).containsExactly("942100");
        assertThat(log).containsExactly("inspect:waf", "inspect:after");
        assertThat(sink.events).extracting(SecurityEvent::type).containsExactly(EventType.REQUEST_WOULD_BLOCK);
    }

    @Test
    void guardModeOffRunsNoStage() {
        Guard guard = Guard.create(GuardConfig.builder()
                .mode(Mode.OFF)
                .stage("waf", ScriptedStage.returning("waf", log, blockBy("waf", "1")))
                .sink(sink)
                .build());

        Verdict verdict = guard.inspect(request());
        guard.complete(verdict.exchange(), ResponseInfo.of(200, Usage.unknown()));

        assertThat(verdict.allowed()).isTrue();
        assertThat(verdict.wouldBlock()).isFalse();
        assertThat(log).isEmpty();
        assertThat(sink.events).isEmpty();
    }

    @ParameterizedTest(name = "guard {0}, stage {1} -> blocked={2}, wouldBlock={3}, ran={4}")
    @CsvSource({
            "ENFORCE, MONITOR, false, true,  true",
            "ENFORCE, OFF,     false, false, false",
            "MONITOR, ENFORCE, true,  false, true",
            "OFF,     ENFORCE, true,  false, true",
            "ENFORCE, ENFORCE, true,  false, true",
    })
    void stageModeOverridesGuardMode(Mode guardMode, Mode stageMode, boolean blocked, boolean wouldBlock, boolean ran) {
        Guard guard = Guard.create(GuardConfig.builder()
                .mode(guardMode)
                .stage(ConfiguredStage.of("waf", ScriptedStage.returning("waf", log, blockBy("waf", "r1"))).withMode(stageMode))
                .build());

        Verdict verdict = guard.inspect(request());

        assertThat(verdict.blocked()).isEqualTo(blocked);
        assertThat(verdict.wouldBlock()).isEqualTo(wouldBlock);
        assertThat(log.contains("inspect:waf")).isEqualTo(ran);
    }

    @Test
    void ruleSwitchedOffDropsItsFindingsAndItsBlock() {
        Finding off = finding("waf", "noisy", Severity.HIGH);
        Finding kept = finding("waf", "useful", Severity.LOW);
        StageOutcome outcome = StageOutcome.block(Block.forbidden("waf", List.of("noisy")), List.of(off, kept));
        Guard guard = Guard.create(GuardConfig.builder()
                .stage(ConfiguredStage.of("waf", ScriptedStage.returning("waf", log, outcome))
                        .withRuleModes(Map.of("noisy", Mode.OFF)))
                .sink(sink)
                .build());

        Verdict verdict = guard.inspect(request());

        assertThat(verdict.allowed()).isTrue();
        assertThat(verdict.wouldBlock()).isFalse();
        assertThat(verdict.findings()).containsExactly(kept);
        assertThat(sink.events).isEmpty();
    }

    @Test
    void ruleInMonitorTurnsAnEnforcedBlockIntoWouldBlock() {
        Guard guard = Guard.create(GuardConfig.builder()
                .stage(ConfiguredStage.of("waf", ScriptedStage.returning("waf", log, blockBy("waf", "new-rule")))
                        .withRuleModes(Map.of("new-rule", Mode.MONITOR)))
                .stage("next", ScriptedStage.passing("next", log))
                .sink(sink)
                .build());

        Verdict verdict = guard.inspect(request());

        assertThat(verdict.allowed()).isTrue();
        assertThat(verdict.wouldBlock()).isTrue();
        assertThat(verdict.findings()).extracting(Finding::ruleId).containsExactly("new-rule");
        assertThat(log).containsExactly("inspect:waf", "inspect:next");
        assertThat(sink.events).extracting(SecurityEvent::type).containsExactly(EventType.REQUEST_WOULD_BLOCK);
    }

    @Test
    void ruleInEnforceInsideAMonitorStageStillBlocks() {
        Guard guard = Guard.create(GuardConfig.builder()
                .stage(ConfiguredStage.of("waf", ScriptedStage.returning("waf", log, blockBy("waf", "trusted")))
                        .withMode(Mode.MONITOR)
                        .withRuleModes(Map.of("trusted", Mode.ENFORCE)))
                .build());

        Verdict verdict = guard.inspect(request());

        assertThat(verdict.blocked()).isTrue();
        assertThat(verdict.ruleIds()).containsExactly("trusted");
    }

    @Test
    void blockNamingSeveralRulesTakesTheStrongestRuleMode() {
        StageOutcome outcome = StageOutcome.block(Block.forbidden("waf", List.of("a", "b")),
                List.of(finding("waf", "a", Severity.HIGH), finding("waf", "b", Severity.HIGH)));
        Guard guard = Guard.create(GuardConfig.builder()
                .stage(ConfiguredStage.of("waf", ScriptedStage.returning("waf", log, outcome))
                        .withRuleModes(Map.of("a", Mode.MONITOR, "b", Mode.OFF)))
                .build());

        Verdict verdict = guard.inspect(request());

        assertThat(verdict.allowed()).isTrue();
        assertThat(verdict.wouldBlock()).isTrue();
        assertThat(verdict.findings()).extracting(Finding::ruleId).containsExactly("a");
    }

    @Test
    void stageSwitchedOffRunsWhenARuleOverrideTurnsOneOfItsRulesOn() {
        Guard guard = Guard.create(GuardConfig.builder()
                .stage(ConfiguredStage.of("waf", ScriptedStage.returning("waf", log, blockBy("waf", "canary")))
                        .withMode(Mode.OFF)
                        .withRuleModes(Map.of("canary", Mode.MONITOR)))
                .build());

        Verdict verdict = guard.inspect(request());

        assertThat(log).containsExactly("inspect:waf");
        assertThat(verdict.wouldBlock()).isTrue();
        assertThat(verdict.allowed()).isTrue();
    }

    @Test
    void sameRequestAndSamePolicyGiveEqualVerdicts() {
        StageOutcome outcome = StageOutcome.pass(List.of(finding("waf", "r1", Severity.LOW)));
        Guard guard = Guard.create(GuardConfig.builder()
                .stage("waf", ScriptedStage.returning("waf", log, outcome))
                .stage("block", ScriptedStage.returning("block", log, blockBy("block", "r2")))
                .build());

        Verdict first = guard.inspect(request());
        Verdict second = guard.inspect(request());

        assertThat(first).isEqualTo(second).hasSameHashCodeAs(second);
        assertThat(first.exchange()).isNotSameAs(second.exchange());
        assertThat(first.exchange().requestId()).isNotEqualTo(second.exchange().requestId());
    }

    @Test
    void exchangeStartTimeIsTheWallClockTimeInspectionStarted() {
        Guard guard = Guard.create(GuardConfig.builder().stage("a", ScriptedStage.passing("a", log)).build());
        long before = System.currentTimeMillis();

        Verdict verdict = guard.inspect(request());
        long after = System.currentTimeMillis();

        assertThat(verdict.exchange().startTime().toEpochMilli()).isBetween(before - 2, after + 2);
    }

    @Test
    void guardMadeRequestIdsAreUniqueAndStable() {
        Guard guard = Guard.create(GuardConfig.builder().stage("a", ScriptedStage.passing("a", log)).build());

        Exchange first = guard.inspect(request()).exchange();
        Exchange second = guard.inspect(request()).exchange();

        assertThat(first.requestId()).isNotEqualTo(second.requestId()).isSameAs(first.requestId());
    }

    @Test
    void adapterRequestIdIsKept() {
        Guard guard = Guard.create(GuardConfig.builder().stage("a", ScriptedStage.passing("a", log)).build());

        Verdict verdict = guard.inspect(GuardRequest.builder().requestId("req-42").build());

        assertThat(verdict.exchange().requestId()).isEqualTo("req-42");
    }

    @Test
    void stageSeesFindingsAndPrincipalOfEarlierStages() {
        Principal alice = new Principal("alice", "acme", java.util.Set.of("dev"), "pro", Map.of());
        List<Object> seen = new CopyOnWriteArrayList<>();
        Guard guard = Guard.create(GuardConfig.builder()
                .stage("identity", new ScriptedStage("identity", log, e -> {
                    e.principal(alice);
                    return StageOutcome.pass(List.of(finding("identity", "id.ok", Severity.INFO)));
                }, (e, r) -> { }))
                .stage("budget", new ScriptedStage("budget", log, e -> {
                    seen.add(e.principal());
                    seen.add(e.findings().size());
                    return StageOutcome.pass();
                }, (e, r) -> { }))
                .build());

        guard.inspect(request());

        assertThat(seen).containsExactly(alice, 1);
    }
}
