package dev.aiguard.ratelimit.internal;

import dev.aiguard.ratelimit.RateLimitConfig;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Buckets in Redis through Bucket4j's Lettuce integration (compare-and-swap on the bucket state; no protocol of our
 * own). Commands time out after the configured timeout and are rejected at once while disconnected, so an outage
 * costs at most one timeout per request; Lettuce reconnects in the background.
 */
public final class RedisBucketStore implements BucketStore {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** Most cached bucket proxies; past it the cache starts over (proxies are cheap to rebuild). */
    private static final int MAX_CACHED = 10_000;

    private final ClientResources resources;
    private final ConcurrentHashMap<String, Bucket> cache = new ConcurrentHashMap<>();
    private final RedisClient client;
    private final StatefulRedisConnection<byte[], byte[]> connection;
    private final ProxyManager<byte[]> proxies;
    private final String prefix;

    public RedisBucketStore(RateLimitConfig.Redis config) {
        RedisURI uri = RedisURI.create(config.uri());
        // Connecting (handshake) may take longer than one command; commands use the short timeout below.
        uri.setTimeout(CONNECT_TIMEOUT.compareTo(config.timeout()) > 0 ? CONNECT_TIMEOUT : config.timeout());
        // Reconnect quickly after an outage (Lettuce's default backoff grows to 30 s).
        this.resources = DefaultClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(10), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(config.timeout()))
                .build());
        this.connection = client.connect(ByteArrayCodec.INSTANCE);
        this.proxies = Bucket4jLettuce.casBasedBuilder(connection)
                .requestTimeout(config.timeout())
                .expirationAfterWrite(ExpirationAfterWriteStrategy
                        .basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(60)))
                .build();
        this.prefix = config.keyPrefix();
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
        return cache.computeIfAbsent(key, k -> proxies.builder()
                .withImplicitConfigurationReplacement(version, TokensInheritanceStrategy.AS_IS)
                .withOptimization(Optimizations.batching())
                .build((prefix + k).getBytes(StandardCharsets.UTF_8), () -> config));
    }

    @Override
    public boolean isRemote() {
        return true;
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
