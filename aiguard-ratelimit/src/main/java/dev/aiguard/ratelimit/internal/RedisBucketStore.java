package dev.aiguard.ratelimit.internal;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Buckets in Redis through Bucket4j's Lettuce integration (compare-and-swap on the bucket state; no protocol of our
 * own), under a key prefix.
 */
public final class RedisBucketStore implements BucketStore {

    /** Most cached bucket proxies; past it the cache starts over (proxies are cheap to rebuild). */
    private static final int MAX_CACHED = 10_000;

    private final RedisLink link;
    private final boolean ownsLink;
    private final String prefix;
    private final ConcurrentHashMap<String, Bucket> cache = new ConcurrentHashMap<>();

    /**
     * @param link     the connection
     * @param prefix   prefix of every key
     * @param ownsLink whether {@link #close} closes the link (false when it is shared across reloads)
     */
    public RedisBucketStore(RedisLink link, String prefix, boolean ownsLink) {
        this.link = link;
        this.prefix = prefix;
        this.ownsLink = ownsLink;
    }

    @Override
    public Bucket bucket(String key, BucketConfiguration config, long version) {
        // Proxies are cached per key so that batching can merge concurrent requests of this JVM on a hot key into
        // one compare-and-swap (without it, many threads on one key mostly retry). Building one is local.
        Bucket b = cache.get(key);
        if (b != null) {
            return b;
        }
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        return cache.computeIfAbsent(key, k -> link.proxies().builder()
                .withImplicitConfigurationReplacement(version, TokensInheritanceStrategy.ADDITIVE)
                .withOptimization(Optimizations.batching())
                .build((prefix + k).getBytes(StandardCharsets.UTF_8), () -> config));
    }

    @Override
    public boolean isRemote() {
        return true;
    }

    @Override
    public void close() {
        if (ownsLink) {
            link.close();
        }
    }
}
