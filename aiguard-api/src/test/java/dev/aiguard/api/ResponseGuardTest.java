package dev.aiguard.api;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** The response side of the pipeline: filters chained in stage order, modes, failures, events. */
class ResponseGuardTest {

    private final RecordingSink sink = new RecordingSink();

    /** An output stage whose filter maps each chunk with {@code map}, finding a rule when the map changed it. */
    record MappingStage(UnaryOperator<String> map, boolean blockOnChange) implements Stage, OutputStage {
        @Override
        public StageOutcome inspect(Exchange exchange) {
            return StageOutcome.pass();
        }

        @Override
        public OutputFilter openOutput(Exchange exchange, String contentType, Mode mode) {
            if (contentType.startsWith("image/")) {
                return null;
            }
            return new OutputFilter() {
                @Override
                public OutputChunk write(byte[] bytes, int offset, int length) {
                    String in = new String(bytes, offset, length, StandardCharsets.UTF_8);
                    String out = mode == Mode.MONITOR ? in : map.apply(in);
                    if (out.equals(map.apply(in)) && out.equals(in)) {
                        return OutputChunk.pass(out.getBytes(StandardCharsets.UTF_8));
                    }
                    Finding f = new Finding("s", "test.rule", Severity.HIGH, "changed", "response", "", 0,
                            List.of(Finding.TAG_REDACTED));
                    return new OutputChunk(out.getBytes(StandardCharsets.UTF_8), List.of(f),
                            blockOnChange ? Block.forbidden("output.test", List.of("test.rule")) : null);
                }

                @Override
                public OutputChunk finish() {
                    return OutputChunk.pass("|end".getBytes(StandardCharsets.UTF_8));
                }
            };
        }
    }

    /** A stage that throws when asked for an output filter's chunk. */
    record ThrowingStage() implements Stage, OutputStage {
        @Override
        public StageOutcome inspect(Exchange exchange) {
            return StageOutcome.pass();
        }

        @Override
        public OutputFilter openOutput(Exchange exchange, String contentType, Mode mode) {
            return new OutputFilter() {
                @Override
                public OutputChunk write(byte[] bytes, int offset, int length) {
                    throw new IllegalStateException("boom");
                }

                @Override
                public OutputChunk finish() {
                    return OutputChunk.empty();
                }
            };
        }
    }

    private Guard guard(ConfiguredStage... stages) {
        GuardConfig.Builder b = GuardConfig.builder().sink(sink);
        for (ConfiguredStage s : stages) {
            b.stage(s);
        }
        return Guard.create(b.build());
    }

    private static Exchange exchange(Guard guard) {
        return guard.inspect(GuardRequest.builder().method("POST").uri("/v1/chat").build()).exchange();
    }

    private static String text(OutputChunk c) {
        return new String(c.data(), StandardCharsets.UTF_8);
    }

    @Test
    void withoutOutputStagesTheResponseGuardIsInactiveAndPassesBytes() {
        Guard guard = guard(ConfiguredStage.of("plain", ex -> StageOutcome.pass()));
        ResponseGuard rg = guard.responseGuard(exchange(guard), "text/plain");

        assertThat(rg.active()).isFalse();
        assertThat(text(rg.write("abc".getBytes(StandardCharsets.UTF_8), 1, 2))).isEqualTo("bc");
        assertThat(rg.finish().data()).isEmpty();
    }

    @Test
    void filtersRunInStageOrderEachSeeingWhatThePreviousForwarded() {
        Guard guard = guard(
                ConfiguredStage.of("mask", new MappingStage(s -> s.replace("secret", "******"), false)),
                ConfiguredStage.of("upper", new MappingStage(s -> s.toUpperCase(Locale.ROOT), false)));
        Exchange exchange = exchange(guard);
        ResponseGuard rg = guard.responseGuard(exchange, "text/plain");

        OutputChunk first = rg.write("a secret".getBytes(StandardCharsets.UTF_8), 0, 8);
        OutputChunk last = rg.finish();

        assertThat(text(first)).isEqualTo("A ******");
        // The first filter's tail goes through the second filter before the second one's own tail.
        assertThat(text(last)).isEqualTo("|END|end");
        assertThat(exchange.findings()).hasSize(3);
        assertThat(sink.ofType(EventType.RESPONSE_REDACTED)).singleElement()
                .satisfies(e -> assertThat(e.ruleIds()).containsExactly("test.rule"));
    }

    @Test
    void aBlockCutsTheResponseAndLaterWritesForwardNothing() {
        Guard guard = guard(ConfiguredStage.of("b", new MappingStage(s -> s.replace("x", "y"), true)));
        ResponseGuard rg = guard.responseGuard(exchange(guard), "application/json");

        assertThat(rg.write("ok".getBytes(StandardCharsets.UTF_8), 0, 2).cut()).isFalse();
        OutputChunk cut = rg.write("x".getBytes(StandardCharsets.UTF_8), 0, 1);

        assertThat(cut.cut()).isTrue();
        assertThat(cut.block().reason()).isEqualTo("output.test");
        assertThat(rg.write("more".getBytes(StandardCharsets.UTF_8), 0, 4).data()).isEmpty();
        assertThat(rg.finish().data()).isEmpty();
        assertThat(sink.ofType(EventType.RESPONSE_BLOCKED)).hasSize(1);
    }

    @Test
    void monitorModeIsPassedToTheFilter() {
        Guard guard = guard(ConfiguredStage.of("m", new MappingStage(s -> s.replace("x", "y"), true))
                .withMode(Mode.MONITOR));
        ResponseGuard rg = guard.responseGuard(exchange(guard), "text/plain");

        assertThat(text(rg.write("x".getBytes(StandardCharsets.UTF_8), 0, 1))).isEqualTo("x");
    }

    @Test
    void stagesThatDeclineAResponseAreSkipped() {
        Guard guard = guard(ConfiguredStage.of("u", new MappingStage(s -> s.toUpperCase(Locale.ROOT), false)));

        assertThat(guard.responseGuard(exchange(guard), "image/png").active()).isFalse();
    }

    @Test
    void aFailingFilterFailsOpenOrClosedAsConfigured() {
        Guard open = guard(ConfiguredStage.of("t", new ThrowingStage()).withBudget(ConfiguredStage.DEFAULT_BUDGET, true));
        ResponseGuard rgOpen = open.responseGuard(exchange(open), "text/plain");
        assertThat(text(rgOpen.write("abc".getBytes(StandardCharsets.UTF_8), 0, 3))).isEqualTo("abc");
        assertThat(text(rgOpen.write("def".getBytes(StandardCharsets.UTF_8), 0, 3))).isEqualTo("def");

        Guard closed = guard(ConfiguredStage.of("t", new ThrowingStage()));
        OutputChunk c = closed.responseGuard(exchange(closed), "text/plain")
                .write("abc".getBytes(StandardCharsets.UTF_8), 0, 3);
        assertThat(c.cut()).isTrue();
        assertThat(c.data()).isEmpty();
        assertThat(sink.ofType(EventType.STAGE_FAILURE)).hasSize(2);
    }

    /** A mapping stage made slow: each chunk takes {@code millis}. */
    private static MappingStage slow(long millis) {
        return new MappingStage(s -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return s;
        }, false);
    }

    @Test
    void aFilterOverItsBudgetFailsOpenKeepingItsAnswerWithOneEventPerResponse() {
        Guard guard = guard(ConfiguredStage.of("slow", slow(20)).withBudget(java.time.Duration.ofMillis(2), true));
        ResponseGuard rg = guard.responseGuard(exchange(guard), "text/plain");

        OutputChunk first = rg.write("abc".getBytes(StandardCharsets.UTF_8), 0, 3);
        OutputChunk second = rg.write("def".getBytes(StandardCharsets.UTF_8), 0, 3);

        assertThat(text(first)).isEqualTo("abc");
        assertThat(text(second)).isEqualTo("def");
        assertThat(first.cut()).isFalse();
        assertThat(first.findings()).extracting(Finding::ruleId).containsExactly(Guard.STAGE_OVERRUN_RULE);
        assertThat(first.findings().get(0).message()).contains("budget 2000 us");
        // Every chunk overran; the stage failure is published once for the response.
        assertThat(sink.ofType(EventType.STAGE_FAILURE)).hasSize(1);
    }

    @Test
    void aFilterOverItsBudgetFailsClosedByCuttingTheResponse() {
        Guard guard = guard(ConfiguredStage.of("slow", slow(20)).withBudget(java.time.Duration.ofMillis(2), false));
        ResponseGuard rg = guard.responseGuard(exchange(guard), "text/plain");

        OutputChunk c = rg.write("abc".getBytes(StandardCharsets.UTF_8), 0, 3);

        assertThat(c.cut()).isTrue();
        assertThat(c.data()).isEmpty();
        assertThat(c.block().httpStatus()).isEqualTo(503);
        assertThat(c.block().reason()).isEqualTo(Guard.STAGE_OVERRUN_RULE);
        assertThat(sink.ofType(EventType.STAGE_FAILURE)).hasSize(1);
        assertThat(sink.ofType(EventType.RESPONSE_BLOCKED)).hasSize(1);
    }

    @Test
    void aFilterWithinItsBudgetAddsNoFinding() {
        Guard guard = guard(ConfiguredStage.of("quick", new MappingStage(s -> s, false)));
        OutputChunk c = guard.responseGuard(exchange(guard), "text/plain").write("abc".getBytes(StandardCharsets.UTF_8), 0, 3);

        assertThat(c.findings()).isEmpty();
        assertThat(sink.ofType(EventType.STAGE_FAILURE)).isEmpty();
    }

    @Test
    void aWholeBodyIsInspectedAtOnce() {
        Guard guard = guard(ConfiguredStage.of("u", new MappingStage(s -> s.toUpperCase(Locale.ROOT), false)));
        OutputChunk all = guard.responseGuard(exchange(guard), "application/json")
                .inspect("{\"a\":1}".getBytes(StandardCharsets.UTF_8));

        assertThat(text(all)).isEqualTo("{\"A\":1}|end");
        assertThat(all.findings()).hasSize(1);
    }

    @Test
    void aBlockedExchangeHasNoResponseSide() {
        Guard guard = guard(ConfiguredStage.of("deny", ex -> StageOutcome.block(Block.forbidden("no", List.of()),
                List.of())), ConfiguredStage.of("u", new MappingStage(UnaryOperator.identity(), false)));

        assertThat(guard.responseGuard(exchange(guard), "text/plain").active()).isFalse();
    }
}
