package dev.aiguard.ratelimit.internal;

import dev.aiguard.api.Exchange;
import dev.aiguard.api.Usage;
import dev.aiguard.api.Verdict;
import dev.aiguard.ratelimit.RateLimitConfig;
import dev.aiguard.ratelimit.RateLimitConfig.Band;
import dev.aiguard.ratelimit.RateLimitConfig.Limit;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The stage records what each request reserved, was charged and got back, for events, metrics and flow logs. */
class RateLimitCostFiguresTest {

    private static final RateLimitConfig.Cost OUTPUT_ONLY = new RateLimitConfig.Cost(null, null,
            new RateLimitConfig.Price(0.0, 1.0), null, null);

    private final ManualClock clock = new ManualClock();

    private Harness harness() {
        Limit tokens = new Limit("user", List.of("principal"), "tokens",
                List.of(new Band("minute", 100_000L, Duration.ofMinutes(1))), null);
        return Harness.local(new RateLimitConfig(null, null, OUTPUT_ONLY, List.of(tokens), null, null), clock);
    }

    @Test
    void admittedRequestRecordsReservationThenChargeAndRefund() {
        Harness h = harness();

        Verdict v = h.inspect(Harness.chat("alice", 900));
        Exchange e = v.exchange();
        long reserved = e.cost(Exchange.TOKENS_RESERVED);
        assertThat(reserved).isGreaterThanOrEqualTo(900);
        assertThat(e.cost(RateLimitStage.COST_RESERVED)).isEqualTo(900);
        assertThat(e.costs()).doesNotContainKey(Exchange.TOKENS_CHARGED);

        h.complete(v, new Usage(3, 100), dev.aiguard.api.ResponseInfo.Outcome.COMPLETED);

        assertThat(e.cost(Exchange.TOKENS_CHARGED)).isEqualTo(103);
        assertThat(e.cost(Exchange.TOKENS_REFUNDED)).isEqualTo(reserved - 103);
        assertThat(e.cost(RateLimitStage.COST_CHARGED)).isEqualTo(100);
    }

    @Test
    void refusedRequestRecordsNothing() {
        Limit tiny = new Limit("user", List.of("principal"), "tokens",
                List.of(new Band("minute", 10L, Duration.ofMinutes(1))), null);
        Harness h = Harness.local(new RateLimitConfig(null, null, OUTPUT_ONLY, List.of(tiny), null, null), clock);

        Verdict v = h.run(Harness.chat("alice", 900), Usage.unknown());

        assertThat(v.blocked()).isTrue();
        assertThat(v.exchange().costs()).isEmpty();
    }
}
