package dev.aiguard.ratelimit.internal;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucketBuilder;

import java.util.concurrent.ConcurrentHashMap;

/**
 * In-process buckets (Bucket4j's lock-free local buckets) in a concurrent map. Keys are kept for the stage's life;
 * a policy reload builds a new stage and so starts from full budgets.
 */
public final class LocalBucketStore implements BucketStore {

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final TimeMeter clock;

    public LocalBucketStore(TimeMeter clock) {
        this.clock = clock;
    }

    @Override
    public Bucket bucket(String key, BucketConfiguration config, long version) {
        Bucket b = buckets.get(key);
        return b != null ? b : buckets.computeIfAbsent(key, k -> build(config));
    }

    private Bucket build(BucketConfiguration config) {
        LocalBucketBuilder builder = Bucket.builder().withCustomTimePrecision(clock);
        for (var band : config.getBandwidths()) {
            builder.addLimit(band);
        }
        return builder.build();
    }

    @Override
    public boolean isRemote() {
        return false;
    }

    /** Number of keys held (for tests and metrics). */
    public int size() {
        return buckets.size();
    }
}
