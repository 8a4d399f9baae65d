package dev.aiguard.micrometer.internal;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The tag limiter and tenant tally never exceed their bounds, also under concurrency. */
class BoundedTagsTest {

    @Test
    void limiterAdmitsExactlyMaxDistinctValuesUnderConcurrency() throws InterruptedException {
        TagLimiter limiter = new TagLimiter(50);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        for (int t = 0; t < 8; t++) {
            int offset = t;
            pool.execute(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                for (int i = 0; i < 1000; i++) {
                    seen.add(limiter.limit("rule-" + (i * 8 + offset)));
                }
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(limiter.admittedCount()).isEqualTo(50);
        assertThat(seen).hasSize(51).contains(TagLimiter.OTHER);
    }

    @Test
    void limiterKeepsAdmittedValuesAndNamesMissingOnes() {
        TagLimiter limiter = new TagLimiter(1);

        assertThat(limiter.limit("a")).isEqualTo("a");
        assertThat(limiter.limit("b")).isEqualTo(TagLimiter.OTHER);
        assertThat(limiter.limit("a")).isEqualTo("a");
        assertThat(limiter.limit(null)).isEqualTo(TagLimiter.NONE);
        assertThat(limiter.limit("")).isEqualTo(TagLimiter.NONE);
    }

    @Test
    void tenantTallyCountsPastItsCapacityAsOtherAndAddsUp() {
        TenantTokens tally = new TenantTokens(3);
        for (int i = 0; i < 10; i++) {
            tally.add("t" + i, 100, i, 100 - i);
        }

        List<TenantTokens.Row> top = tally.top(2);

        assertThat(tally.trackedCount()).isEqualTo(3);
        assertThat(top).extracting(TenantTokens.Row::tenant).containsExactly("t2", "t1", TagLimiter.OTHER);
        assertThat(top.stream().mapToLong(TenantTokens.Row::charged).sum()).isEqualTo(45);
        assertThat(top.stream().mapToLong(TenantTokens.Row::reserved).sum()).isEqualTo(1000);
        assertThat(top.get(2).charged()).isEqualTo(45 - 2 - 1);
    }

    @Test
    void tenantLiterallyNamedOtherIsFoldedIntoTheOtherRow() {
        TenantTokens tally = new TenantTokens(10);
        tally.add(TagLimiter.OTHER, 5, 5, 0);
        tally.add("real", 1, 1, 0);

        assertThat(tally.top(5)).extracting(TenantTokens.Row::tenant).containsExactly("real", TagLimiter.OTHER);
        assertThat(tally.top(5).get(1).charged()).isEqualTo(5);
    }
}
