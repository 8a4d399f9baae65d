package dev.aiguard.ratelimit.internal;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucketBuilder;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * In-process buckets (Bucket4j's lock-free local buckets) in a concurrent map. Memory follows the active keys: once
 * more than {@code sweepAbove} keys are held, buckets idle for twice their longest refill period and refilled are
 * dropped (a new bucket for the key starts full, as the dropped one was). A policy reload builds a new stage and so
 * starts from full budgets.
 */
public final class LocalBucketStore implements BucketStore {

    /** Default key count above which idle buckets are swept. */
    public static final int DEFAULT_SWEEP_ABOVE = 100_000;

    private final ConcurrentHashMap<String, Entry> buckets = new ConcurrentHashMap<>();
    private final TimeMeter clock;
    private final int sweepAbove;
    private final AtomicBoolean sweeping = new AtomicBoolean();

    public LocalBucketStore(TimeMeter clock) {
        this(clock, DEFAULT_SWEEP_ABOVE);
    }

    public LocalBucketStore(TimeMeter clock, int sweepAbove) {
        this.clock = clock;
        this.sweepAbove = sweepAbove;
    }

    @Override
    public Bucket bucket(String key, BucketConfiguration config, long version) {
        Entry e = buckets.get(key);
        if (e == null) {
            if (buckets.size() >= sweepAbove) {
                sweep();
            }
            e = buckets.computeIfAbsent(key, k -> new Entry(build(config), config));
        }
        e.lastUse.set(clock.currentTimeNanos());
        return e.bucket;
    }

    private Bucket build(BucketConfiguration config) {
        LocalBucketBuilder builder = Bucket.builder().withCustomTimePrecision(clock);
        for (Bandwidth band : config.getBandwidths()) {
            builder.addLimit(band);
        }
        return builder.build();
    }

    /** Drops refilled buckets idle for twice their longest period; one thread sweeps at a time. */
    void sweep() {
        if (!sweeping.compareAndSet(false, true)) {
            return;
        }
        try {
            long now = clock.currentTimeNanos();
            buckets.entrySet().removeIf(en -> en.getValue().idleAndFull(now));
        } finally {
            sweeping.set(false);
        }
    }

    @Override
    public boolean isRemote() {
        return false;
    }

    /** Number of keys held (for tests and metrics). */
    public int size() {
        return buckets.size();
    }

    /** A bucket with when it was last used and what "idle and full" means for its configuration. */
    private static final class Entry {
        final Bucket bucket;
        final AtomicLong lastUse = new AtomicLong();
        final long idleNanos;
        final long minCapacity;

        Entry(Bucket bucket, BucketConfiguration config) {
            this.bucket = bucket;
            long longest = 0;
            long smallest = Long.MAX_VALUE;
            for (Bandwidth b : config.getBandwidths()) {
                longest = Math.max(longest, b.getRefillPeriodNanos());
                smallest = Math.min(smallest, b.getCapacity());
            }
            this.idleNanos = longest > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : 2 * longest;
            this.minCapacity = smallest;
        }

        boolean idleAndFull(long now) {
            return now - lastUse.get() >= idleNanos && bucket.getAvailableTokens() >= minCapacity;
        }
    }
}
