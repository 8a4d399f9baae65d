package dev.aiguard.ratelimit.internal;

import dev.aiguard.ratelimit.RateLimitConfig;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Buckets in Redis through Bucket4j's Lettuce integration (compare-and-swap on the bucket state; no protocol of our
 * own). Commands time out after the configured timeout and are rejected at once while disconnected, so an outage
 * costs at most one timeout per request; Lettuce reconnects in the background.
 */
public final class RedisBucketStore implements BucketStore {

    private final RedisClient client;
    private final StatefulRedisConnection<byte[], byte[]> connection;
    private final ProxyManager<byte[]> proxies;
    private final String prefix;

    public RedisBucketStore(RateLimitConfig.Redis config) {
        RedisURI uri = RedisURI.create(config.uri());
        uri.setTimeout(config.timeout());
        this.client = RedisClient.create(uri);
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
        // Building a proxy is local; the round trips happen when it is used.
        return proxies.builder()
                .withImplicitConfigurationReplacement(version, TokensInheritanceStrategy.AS_IS)
                .build((prefix + key).getBytes(StandardCharsets.UTF_8), () -> config);
    }

    @Override
    public boolean isRemote() {
        return true;
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
