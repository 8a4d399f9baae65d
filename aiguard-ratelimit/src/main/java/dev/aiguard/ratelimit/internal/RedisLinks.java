package dev.aiguard.ratelimit.internal;

import dev.aiguard.ratelimit.RateLimitConfig;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Redis links shared by the stages one factory builds, by URI and timeout, so that a policy reload reuses the
 * connection instead of opening (and leaking) another: the guard does not close replaced stages.
 */
public final class RedisLinks implements AutoCloseable {

    private record Target(String uri, Duration timeout) {
    }

    private final ConcurrentHashMap<Target, RedisLink> links = new ConcurrentHashMap<>();

    /** The link for {@code config}, opened on first use. */
    public RedisLink get(RateLimitConfig.Redis config) {
        return links.computeIfAbsent(new Target(config.uri(), config.timeout()), t -> new RedisLink(config));
    }

    @Override
    public void close() {
        links.values().forEach(RedisLink::close);
        links.clear();
    }
}
