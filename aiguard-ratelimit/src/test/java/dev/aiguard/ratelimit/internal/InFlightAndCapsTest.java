package dev.aiguard.ratelimit.internal;

import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.Headers;
import dev.aiguard.api.ResponseInfo.Outcome;
import dev.aiguard.api.Usage;
import dev.aiguard.api.Verdict;
import dev.aiguard.ratelimit.RateLimitConfig;
import dev.aiguard.ratelimit.RateLimitConfig.Band;
import dev.aiguard.ratelimit.RateLimitConfig.Limit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class InFlightAndCapsTest {

    private final ManualClock clock = new ManualClock();

    private Harness slots(Integer perKey, Integer global) {
        return Harness.local(new RateLimitConfig(null, null, null, List.of(),
                new RateLimitConfig.InFlight(perKey, null, global), null), clock);
    }

    @Test
    void perKeySlotsRefuseTheNextRequestWithRetryAfter() {
        Harness h = slots(2, null);
        h.inspect(Harness.chat("alice", 10));
        h.inspect(Harness.chat("alice", 10));

        Verdict refused = h.inspect(Harness.chat("alice", 10));

        assertThat(refused.httpStatus()).isEqualTo(429);
        assertThat(refused.reason()).isEqualTo("inflight");
        assertThat(refused.ruleIds()).containsExactly("ratelimit.inflight.key");
        assertThat(refused.retryAfter()).contains(Duration.ofSeconds(1));
        assertThat(h.inspect(Harness.chat("bob", 10)).allowed()).isTrue();
    }

    @Test
    void globalSlotsAreSharedByAllKeys() {
        Harness h = slots(null, 2);
        h.inspect(Harness.chat("alice", 10));
        h.inspect(Harness.chat("bob", 10));

        assertThat(h.inspect(Harness.chat("carol", 10)).ruleIds()).containsExactly("ratelimit.inflight.global");
    }

    @ParameterizedTest
    @EnumSource(Outcome.class)
    void slotIsReleasedOnEveryOutcome(Outcome outcome) {
        Harness h = slots(1, 1);
        Verdict first = h.inspect(Harness.chat("alice", 10));
        assertThat(h.inspect(Harness.chat("alice", 10)).blocked()).isTrue();

        h.complete(first, Usage.unknown(), outcome);

        assertThat(h.stage.slots().inFlight()).isZero();
        assertThat(h.inspect(Harness.chat("alice", 10)).allowed()).isTrue();
    }

    @Test
    void slotIsReleasedWhenALaterStageBlocks() {
        Harness h = slots(1, 1);
        Verdict blocked = h.inspect(Harness.chat("alice", 10, "X-Block", "1"));

        h.complete(blocked, Usage.unknown(), Outcome.COMPLETED);

        assertThat(h.stage.slots().inFlight()).isZero();
    }

    @Test
    void slotIsNotHeldWhenABudgetRefuses() {
        Limit tiny = new Limit("user", List.of("principal"), "requests",
                List.of(new Band(null, 1L, Duration.ofMinutes(1))), null);
        Harness h = Harness.local(new RateLimitConfig(null, null, null, List.of(tiny),
                new RateLimitConfig.InFlight(5, null, 5), null), clock);
        h.run(Harness.chat("alice", 10), new Usage(1, 1));

        Verdict refused = h.inspect(Harness.chat("alice", 10));
        h.complete(refused, Usage.unknown(), Outcome.COMPLETED);

        assertThat(refused.ruleIds()).containsExactly("ratelimit.user");
        assertThat(h.stage.slots().inFlight()).isZero();
        assertThat(h.stage.slots().inFlight("inflight|5:alice")).isZero();
    }

    @Test
    void concurrentRequestsNeverHoldMoreSlotsThanTheLimit() throws Exception {
        Harness h = slots(null, 4);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger worst = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            futures.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 500; i++) {
                    Verdict v = h.inspect(Harness.chat("u" + (i % 3), 10));
                    if (v.allowed()) {
                        worst.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        inside.decrementAndGet();
                    }
                    h.complete(v, new Usage(1, 1), Outcome.COMPLETED);
                }
                return null;
            }));
        }
        start.countDown();
        for (var f : futures) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(worst.get()).isBetween(1, 4);
        assertThat(h.stage.slots().inFlight()).isZero();
    }

    @Test
    void outputTokenCapRejectsLargerRequestsWith400() {
        Harness h = Harness.local(new RateLimitConfig(null, null, null, List.of(), null,
                new RateLimitConfig.Caps(1000L, null, null)), clock);

        assertThat(h.inspect(Harness.chat("alice", 1000)).allowed()).isTrue();
        Verdict refused = h.inspect(Harness.chat("alice", 1001));
        assertThat(refused.httpStatus()).isEqualTo(400);
        assertThat(refused.reason()).isEqualTo("cap.max_output_tokens");
    }

    @Test
    void bodySizeCapRejectsWith413() {
        Harness h = Harness.local(new RateLimitConfig(null, null, null, List.of(), null,
                new RateLimitConfig.Caps(null, null, 50L)), clock);

        Verdict refused = h.inspect(Harness.chat("alice", 10));

        assertThat(refused.httpStatus()).isEqualTo(413);
        assertThat(refused.reason()).isEqualTo("cap.max_body_bytes");
    }

    @Test
    void promptTokenCapRejectsWith413() {
        Harness h = Harness.local(new RateLimitConfig(null, null, null, List.of(), null,
                new RateLimitConfig.Caps(null, 20L, null)), clock);
        String longPrompt = "word ".repeat(200);
        GuardRequest request = GuardRequest.builder().method("POST").uri("/v1/chat/completions")
                .headers(Headers.of("Content-Type", "application/json", "X-User", "alice"))
                .body("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"" + longPrompt + "\"}]}")
                .build();

        Verdict refused = h.inspect(request);

        assertThat(refused.httpStatus()).isEqualTo(413);
        assertThat(refused.reason()).isEqualTo("cap.max_prompt_tokens");
        assertThat(h.inspect(Harness.chat("alice", 10)).allowed()).isTrue();
    }
}
