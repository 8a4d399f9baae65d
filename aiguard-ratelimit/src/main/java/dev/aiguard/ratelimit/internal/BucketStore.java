package dev.aiguard.ratelimit.internal;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;

/** Where budgets live: a Bucket4j bucket per key, in process or in Redis. */
public interface BucketStore extends AutoCloseable {

    /**
     * The bucket of {@code key}, created with {@code config} when absent. {@code version} identifies the
     * configuration: a store replaces an older stored configuration (policy reload) keeping the units spent.
     */
    Bucket bucket(String key, BucketConfiguration config, long version);

    /** Whether a failing call to this store may be a transient outage (fail-open/closed applies) rather than a bug. */
    boolean isRemote();

    @Override
    default void close() {
    }
}
