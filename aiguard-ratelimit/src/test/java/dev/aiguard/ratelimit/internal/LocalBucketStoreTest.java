package dev.aiguard.ratelimit.internal;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class LocalBucketStoreTest {

    private final ManualClock clock = new ManualClock();
    private final BucketConfiguration minute = BucketConfiguration.builder()
            .addLimit(Bandwidth.builder().capacity(10).refillGreedy(10, Duration.ofMinutes(1)).build()).build();

    @Test
    void sameKeyGivesTheSameBucket() {
        LocalBucketStore store = new LocalBucketStore(clock);

        assertThat(store.bucket("a", minute, 1)).isSameAs(store.bucket("a", minute, 1));
        assertThat(store.bucket("b", minute, 1)).isNotSameAs(store.bucket("a", minute, 1));
    }

    @Test
    void idleRefilledBucketsAreSweptOnceTheStoreIsFull() {
        LocalBucketStore store = new LocalBucketStore(clock, 3);
        store.bucket("idle", minute, 1).tryConsume(5);
        store.bucket("spent", minute, 1).consumeIgnoringRateLimits(100); // in debt: must survive
        store.bucket("fresh", minute, 1);

        clock.advance(Duration.ofMinutes(2));
        store.bucket("recent", minute, 1).tryConsume(1);
        store.bucket("new", minute, 1);

        assertThat(store.size()).isEqualTo(3);
        Bucket spent = store.bucket("spent", minute, 1);
        assertThat(spent.getAvailableTokens()).isNegative();
    }

    @Test
    void bucketsInUseAreNotSwept() {
        LocalBucketStore store = new LocalBucketStore(clock, 2);
        store.bucket("a", minute, 1);
        store.bucket("b", minute, 1);
        clock.advance(Duration.ofSeconds(30));

        store.bucket("c", minute, 1);

        assertThat(store.size()).isEqualTo(3);
    }
}
