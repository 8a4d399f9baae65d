package dev.aiguard.ratelimit.internal;

import dev.aiguard.api.Exchange;
import dev.aiguard.api.Finding;
import dev.aiguard.api.Usage;
import dev.aiguard.api.Verdict;
import dev.aiguard.ratelimit.RateLimitConfig;
import dev.aiguard.ratelimit.RateLimitConfig.Band;
import dev.aiguard.ratelimit.RateLimitConfig.Limit;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A throttle asked by an earlier stage ({@code Exchange.requestThrottle}) multiplies what every budget is charged. */
class ThrottleTest {

    private static final RateLimitConfig.Cost OUTPUT_ONLY = new RateLimitConfig.Cost(null, null,
            new RateLimitConfig.Price(0.0, 1.0), null, null);

    private final ManualClock clock = new ManualClock();

    private static RateLimitConfig config(Limit... limits) {
        return new RateLimitConfig(null, null, OUTPUT_ONLY, List.of(limits), null, null);
    }

    private static Limit perUser(String unit, long capacity) {
        return new Limit("user", List.of("principal"), unit, List.of(new Band("minute", capacity, Duration.ofMinutes(1))),
                null);
    }

    @Test
    void aThrottledCallerIsChargedTheFactorAndRunsOutSooner() {
        Harness h = Harness.local(config(perUser("cost", 1000)), clock);

        // Unthrottled: ten requests of 100 fit in 1000.
        for (int i = 0; i < 10; i++) {
            assertThat(h.run(Harness.chat("alice", 100), new Usage(3, 100)).allowed()).isTrue();
        }
        // Throttled x4: each costs 400, reserved and (after its usage is known) charged.
        assertThat(h.run(Harness.chat("bob", 100, "X-Throttle", "4"), new Usage(3, 100)).allowed()).isTrue();
        assertThat(h.run(Harness.chat("bob", 100, "X-Throttle", "4"), new Usage(3, 100)).allowed()).isTrue();
        Verdict third = h.inspect(Harness.chat("bob", 100, "X-Throttle", "4"));

        assertThat(third.blocked()).isTrue();
        assertThat(third.httpStatus()).isEqualTo(429);
        assertThat(third.reason()).isEqualTo("budget.cost");
        assertThat(third.responseHeaders()).containsEntry("RateLimit", "\"user\";r=200;t=12");
        assertThat(third.findings()).extracting(Finding::ruleId)
                .containsExactly("ratelimit.user", RateLimitStage.THROTTLED_RULE);
        // The same caller unthrottled still has its 200 left.
        assertThat(h.inspect(Harness.chat("bob", 100)).allowed()).isTrue();
    }

    @Test
    void theThrottleScalesRequestCountsAndTheActualUsageAlike() {
        Harness h = Harness.local(config(perUser("cost", 3000), new Limit("calls", List.of("principal"), "requests",
                List.of(new Band("minute", 10L, Duration.ofMinutes(1))), null)), clock);

        Verdict v = h.inspect(Harness.chat("carol", 1000, "X-Throttle", "2.5"));
        Exchange exchange = v.exchange();
        assertThat(v.allowed()).isTrue();
        assertThat(exchange.throttleApplied()).isTrue();
        assertThat(exchange.cost(RateLimitStage.COST_RESERVED)).isEqualTo(2500);
        assertThat(v.findings()).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo(RateLimitStage.THROTTLED_RULE);
            assertThat(f.message()).contains("x2.5", "test.throttle");
        });
        // Used 200 of the 1000 reserved: charged 500 (200 x 2.5), the rest refunded.
        h.complete(v, new Usage(3, 200), dev.aiguard.api.ResponseInfo.Outcome.COMPLETED);
        assertThat(exchange.cost(RateLimitStage.COST_CHARGED)).isEqualTo(500);

        // A request counts as 3 (2.5 rounded up): after three, 9 of 10 are used and a fourth throttled one is refused.
        assertThat(h.run(Harness.chat("carol", 10, "X-Throttle", "2.5"), new Usage(1, 10)).allowed()).isTrue();
        assertThat(h.run(Harness.chat("carol", 10, "X-Throttle", "2.5"), new Usage(1, 10)).allowed()).isTrue();
        Verdict refused = h.inspect(Harness.chat("carol", 10, "X-Throttle", "2.5"));
        assertThat(refused.blocked()).isTrue();
        assertThat(refused.reason()).isEqualTo("budget.requests");
        // Exact accounting: 3000 - 500 - 25 - 25 = 2450 cost and one request are left, for an unthrottled caller.
        assertThat(h.inspect(Harness.chat("carol", 2451)).reason()).isEqualTo("budget.cost");
        assertThat(h.inspect(Harness.chat("carol", 2450)).allowed()).isTrue();
    }

    @Test
    void withoutAThrottleNothingChanges() {
        Harness h = Harness.local(config(perUser("cost", 1000)), clock);

        Verdict v = h.inspect(Harness.chat("dave", 100));
        assertThat(v.findings()).isEmpty();
        assertThat(v.exchange().throttleApplied()).isFalse();
        assertThat(v.exchange().cost(RateLimitStage.COST_RESERVED)).isEqualTo(100);
    }
}
