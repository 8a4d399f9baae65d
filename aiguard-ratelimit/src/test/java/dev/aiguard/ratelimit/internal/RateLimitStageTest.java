package dev.aiguard.ratelimit.internal;

import dev.aiguard.api.ResponseInfo.Outcome;
import dev.aiguard.api.Usage;
import dev.aiguard.api.Verdict;
import dev.aiguard.ratelimit.RateLimitConfig;
import dev.aiguard.ratelimit.RateLimitConfig.Band;
import dev.aiguard.ratelimit.RateLimitConfig.Limit;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitStageTest {

    /** Prices that make a request's cost exactly its reserved (or used) output tokens. */
    private static final RateLimitConfig.Cost OUTPUT_ONLY = new RateLimitConfig.Cost(null, null,
            new RateLimitConfig.Price(0.0, 1.0), null, null);

    private final ManualClock clock = new ManualClock();

    private static Limit costPerUser(long capacity) {
        return new Limit("user", List.of("principal"), "cost",
                List.of(new Band("minute", capacity, Duration.ofMinutes(1))), null);
    }

    private static RateLimitConfig config(List<Limit> limits) {
        return new RateLimitConfig(null, null, OUTPUT_ONLY, limits, null, null);
    }

    @Test
    void admitsUntilTheBudgetIsSpentThenRefusesWith429AndRetryAfter() {
        Harness h = Harness.local(config(List.of(costPerUser(1000))), clock);

        assertThat(h.run(Harness.chat("alice", 400), new Usage(5, 400)).allowed()).isTrue();
        assertThat(h.run(Harness.chat("alice", 400), new Usage(5, 400)).allowed()).isTrue();
        Verdict refused = h.inspect(Harness.chat("alice", 400));

        assertThat(refused.blocked()).isTrue();
        assertThat(refused.httpStatus()).isEqualTo(429);
        assertThat(refused.grpcStatus()).isEqualTo(8);
        assertThat(refused.reason()).isEqualTo("budget.cost");
        assertThat(refused.ruleIds()).containsExactly("ratelimit.user");
        // 200 left, 200 more needed at 1000/60s: 12 s.
        assertThat(refused.retryAfter()).contains(Duration.ofSeconds(12));
        assertThat(refused.responseHeaders())
                .containsEntry("RateLimit-Policy", "\"user.minute\";q=1000;w=60")
                .containsEntry("RateLimit", "\"user\";r=200;t=12");
    }

    @Test
    void budgetsAreKeyedByPrincipal() {
        Harness h = Harness.local(config(List.of(costPerUser(500))), clock);

        assertThat(h.inspect(Harness.chat("alice", 500)).allowed()).isTrue();
        assertThat(h.inspect(Harness.chat("alice", 1)).blocked()).isTrue();
        assertThat(h.inspect(Harness.chat("bob", 500)).allowed()).isTrue();
    }

    @Test
    void budgetRefillsWithTheClock() {
        Harness h = Harness.local(config(List.of(costPerUser(600))), clock);
        h.run(Harness.chat("alice", 600), new Usage(1, 600));
        assertThat(h.inspect(Harness.chat("alice", 300)).blocked()).isTrue();

        clock.advance(Duration.ofSeconds(29));
        assertThat(h.inspect(Harness.chat("alice", 300)).blocked()).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(h.inspect(Harness.chat("alice", 300)).allowed()).isTrue();
    }

    @Test
    void unusedReservationIsRefundedOnCompletion() {
        Harness h = Harness.local(config(List.of(costPerUser(1000))), clock);

        // Reserves 900, uses 100: 900 is available again.
        h.run(Harness.chat("alice", 900), new Usage(3, 100));

        assertThat(h.inspect(Harness.chat("alice", 900)).allowed()).isTrue();
        assertThat(h.inspect(Harness.chat("alice", 1)).blocked()).isTrue();
    }

    @Test
    void overageBeyondTheReservationIsCharged() {
        Harness h = Harness.local(config(List.of(costPerUser(1000))), clock);

        // Reserves 100 but the model reports 700 (e.g. a stream that ignored max_tokens): 300 left.
        h.run(Harness.chat("alice", 100), new Usage(3, 700));

        assertThat(h.inspect(Harness.chat("alice", 301)).blocked()).isTrue();
        assertThat(h.inspect(Harness.chat("alice", 300)).allowed()).isTrue();
    }

    @Test
    void overageCanDriveTheBudgetIntoDebtWhichDelaysTheNextRequest() {
        Harness h = Harness.local(config(List.of(costPerUser(600))), clock);

        h.run(Harness.chat("alice", 600), new Usage(3, 1200));
        clock.advance(Duration.ofSeconds(59));

        // -600 + 590 refilled: still nothing available.
        assertThat(h.inspect(Harness.chat("alice", 1)).blocked()).isTrue();
    }

    @Test
    void failedRequestWithoutUsageIsChargedNoOutput() {
        Harness h = Harness.local(config(List.of(costPerUser(1000))), clock);
        Verdict v = h.inspect(Harness.chat("alice", 1000));

        h.complete(v, Usage.unknown(), Outcome.FAILED);

        assertThat(h.inspect(Harness.chat("alice", 1000)).allowed()).isTrue();
    }

    @Test
    void completedRequestWithoutUsageKeepsTheReservation() {
        Harness h = Harness.local(config(List.of(costPerUser(1000))), clock);
        Verdict v = h.inspect(Harness.chat("alice", 1000));

        h.complete(v, Usage.unknown(), Outcome.COMPLETED);

        assertThat(h.inspect(Harness.chat("alice", 1)).blocked()).isTrue();
    }

    @Test
    void completeIsIdempotent() {
        Harness h = Harness.local(config(List.of(costPerUser(1000))), clock);
        Verdict v = h.inspect(Harness.chat("alice", 1000));
        h.complete(v, new Usage(1, 0), Outcome.COMPLETED);
        // Calling the stage again (the guard itself already ignores a second complete) must not refund again.
        assertThat(v.exchange().attribute(RateLimitStage.RESERVATION).settled()).isTrue();
        h.stage.complete(v.exchange(), dev.aiguard.api.ResponseInfo.of(200, new Usage(1, 0)));

        assertThat(h.inspect(Harness.chat("alice", 1000)).allowed()).isTrue();
        assertThat(h.inspect(Harness.chat("alice", 1)).blocked()).isTrue();
    }

    @Test
    void tokenBudgetsCountEstimatedPromptPlusReservedOutput() {
        long prompt = Harness.COUNTER.estimate("gpt-4o", "hi");
        Limit tokens = new Limit("tok", List.of("principal"), "tokens",
                List.of(new Band(null, 100 + prompt, Duration.ofHours(1))), null);
        Harness h = Harness.local(config(List.of(tokens)), clock);

        assertThat(h.inspect(Harness.chat("alice", 100)).allowed()).isTrue();
        Verdict refused = h.inspect(Harness.chat("alice", 1));
        assertThat(refused.reason()).isEqualTo("budget.tokens");
        assertThat(refused.responseHeaders()).containsEntry("RateLimit-Policy",
                "\"tok.3600s\";q=" + (100 + prompt) + ";w=3600");
    }

    @Test
    void requestBudgetsCountOnePerRequest() {
        Limit perMinute = new Limit("rpm", List.of(), "requests",
                List.of(new Band("burst", 2L, Duration.ofSeconds(10)), new Band("minute", 3L, Duration.ofMinutes(1))),
                null);
        Harness h = Harness.local(config(List.of(perMinute)), clock);

        assertThat(h.run(Harness.chat("a", 10), new Usage(1, 1)).allowed()).isTrue();
        assertThat(h.run(Harness.chat("b", 10), new Usage(1, 1)).allowed()).isTrue();
        assertThat(h.inspect(Harness.chat("c", 10)).blocked()).isTrue();
        clock.advance(Duration.ofSeconds(10));
        assertThat(h.run(Harness.chat("c", 10), new Usage(1, 1)).allowed()).isTrue();
        // 5 s later the burst band has refilled to 2, the minute band (3 per 60 s) holds only 0.75.
        clock.advance(Duration.ofSeconds(5));
        Verdict refused = h.inspect(Harness.chat("d", 10));
        assertThat(refused.blocked()).isTrue();
    }

    @Test
    void severalLimitsAreAllOrNothing() {
        Limit user = costPerUser(1000);
        Limit tenant = new Limit("tenant", List.of("tenant"), "cost",
                List.of(new Band("minute", 1500L, Duration.ofMinutes(1))), null);
        Harness h = Harness.local(config(List.of(user, tenant)), clock);

        assertThat(h.inspect(Harness.chat("alice", 1000)).allowed()).isTrue();
        // bob's own budget admits 600 but the shared tenant has only 500 left: nothing is taken from bob's.
        Verdict refused = h.inspect(Harness.chat("bob", 600));
        assertThat(refused.ruleIds()).containsExactly("ratelimit.tenant");

        clock.advance(Duration.ofSeconds(24)); // tenant +600 -> 1100 left; bob still has his full 1000
        assertThat(h.inspect(Harness.chat("bob", 1000)).allowed()).isTrue();
    }

    @Test
    void blockedByALaterStageGivesTheWholeReservationBack() {
        Harness h = Harness.local(config(List.of(costPerUser(1000))), clock);
        Verdict blocked = h.inspect(Harness.chat("alice", 1000, "X-Block", "1"));
        assertThat(blocked.httpStatus()).isEqualTo(403);

        h.complete(blocked, Usage.unknown(), Outcome.COMPLETED);

        assertThat(h.inspect(Harness.chat("alice", 1000)).allowed()).isTrue();
    }

    @Test
    void requestBudgetsKeepTheRequestWhenALaterStageBlocks() {
        Limit oneRequest = new Limit("rpm", List.of("principal"), "requests",
                List.of(new Band(null, 1L, Duration.ofMinutes(1))), null);
        Harness h = Harness.local(config(List.of(oneRequest)), clock);
        Verdict blocked = h.inspect(Harness.chat("alice", 10, "X-Block", "1"));

        h.complete(blocked, Usage.unknown(), Outcome.COMPLETED);

        assertThat(h.inspect(Harness.chat("alice", 10)).ruleIds()).containsExactly("ratelimit.rpm");
    }

    @Test
    void tierSelectsBandwidthsAndATierChangeTakesEffectAtOnce() {
        Limit tiered = new Limit("user", List.of("principal"), "cost",
                List.of(new Band("minute", 100L, Duration.ofMinutes(1))),
                Map.of("pro", List.of(new Band("minute", 1000L, Duration.ofMinutes(1)))));
        Harness h = Harness.local(config(List.of(tiered)), clock);

        assertThat(h.inspect(Harness.chat("alice", 500)).blocked()).isTrue();
        assertThat(h.inspect(Harness.chat("alice", 500, "X-Tier", "pro")).allowed()).isTrue();
        assertThat(h.inspect(Harness.chat("alice", 100)).allowed()).isTrue();
    }

    @Test
    void policyReloadAppliesNewTierBudgets() {
        Limit before = new Limit("user", List.of("principal"), "cost",
                List.of(new Band("minute", 100L, Duration.ofMinutes(1))),
                Map.of("pro", List.of(new Band("minute", 200L, Duration.ofMinutes(1)))));
        Limit after = new Limit("user", List.of("principal"), "cost",
                List.of(new Band("minute", 100L, Duration.ofMinutes(1))),
                Map.of("pro", List.of(new Band("minute", 2000L, Duration.ofMinutes(1)))));
        Harness h = Harness.local(config(List.of(before)), clock);
        assertThat(h.inspect(Harness.chat("alice", 1000, "X-Tier", "pro")).blocked()).isTrue();

        RateLimitStage reloaded = RateLimitStages.create(config(List.of(after)), Harness.context(), clock, 2, Harness.COUNTER);
        h.guard.update(dev.aiguard.api.GuardConfig.builder().stage("identity", h.guard.config().stages().get(0).stage())
                .stage("ratelimit", reloaded).build());

        assertThat(h.inspect(Harness.chat("alice", 1000, "X-Tier", "pro")).allowed()).isTrue();
        assertThat(h.inspect(Harness.chat("alice", 1000)).blocked()).isTrue();
    }

    @Test
    void requestThatCanNeverFitHasNoRetryAfter() {
        Harness h = Harness.local(config(List.of(costPerUser(100))), clock);

        Verdict refused = h.inspect(Harness.chat("alice", 1000));

        assertThat(refused.httpStatus()).isEqualTo(429);
        assertThat(refused.retryAfter()).isEmpty();
    }

    @Test
    void modelPricesAndRouteWeightsScaleTheCost() {
        RateLimitConfig.Cost priced = new RateLimitConfig.Cost(null, null, new RateLimitConfig.Price(0.0, 1.0),
                Map.of("gpt-4*", new RateLimitConfig.Price(0.0, 10.0)), null);
        Harness h = Harness.local(new RateLimitConfig(null, null, priced, List.of(costPerUser(1000)), null, null),
                clock);

        assertThat(h.inspect(Harness.chat("alice", 100)).allowed()).isTrue();
        assertThat(h.inspect(Harness.chat("alice", 1)).blocked()).isTrue();
    }
}
