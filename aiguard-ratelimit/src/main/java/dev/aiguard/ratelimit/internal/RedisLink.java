package dev.aiguard.ratelimit.internal;

import dev.aiguard.ratelimit.RateLimitConfig;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
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

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One Lettuce client and connection with Bucket4j's proxy manager on it. Commands time out after the configured
 * timeout and are rejected at once while disconnected, so an outage costs at most one timeout per request; Lettuce
 * reconnects in the background.
 */
public final class RedisLink implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<byte[], byte[]> connection;
    private final ProxyManager<byte[]> proxies;

    public RedisLink(RateLimitConfig.Redis config) {
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
        try {
            this.connection = client.connect(ByteArrayCodec.INSTANCE);
        } catch (RuntimeException e) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            resources.shutdown(0, 2, TimeUnit.SECONDS);
            throw e;
        }
        this.proxies = Bucket4jLettuce.casBasedBuilder(connection)
                .requestTimeout(config.timeout())
                .expirationAfterWrite(ExpirationAfterWriteStrategy
                        .basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(60)))
                .build();
    }

    /** Bucket4j's proxy manager over this connection. */
    public ProxyManager<byte[]> proxies() {
        return proxies;
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
