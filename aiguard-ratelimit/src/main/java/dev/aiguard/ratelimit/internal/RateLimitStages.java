package dev.aiguard.ratelimit.internal;

import dev.aiguard.api.ConfigProblems;
import dev.aiguard.api.StageContext;
import dev.aiguard.llm.TokenCounter;
import dev.aiguard.ratelimit.RateLimitConfig;
import io.github.bucket4j.TimeMeter;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Validation and construction of {@link RateLimitStage}s. */
public final class RateLimitStages {

    private RateLimitStages() {
    }

    /**
     * Builds a stage. {@code clock} drives local buckets (tests pass a controllable one); {@code configVersion} must
     * grow with each reload so that Redis buckets take the new configuration.
     */
    public static RateLimitStage create(RateLimitConfig config, StageContext context, TimeMeter clock,
                                        long configVersion, TokenCounter counter) {
        return create(config, context, clock, configVersion, counter, null);
    }

    /**
     * As {@link #create(RateLimitConfig, StageContext, TimeMeter, long, TokenCounter)}, taking Redis connections
     * from {@code links} (shared across reloads) or, when it is {@code null}, opening one the stage owns.
     */
    public static RateLimitStage create(RateLimitConfig config, StageContext context, TimeMeter clock,
                                        long configVersion, TokenCounter counter, RedisLinks links) {
        // Load the estimator's tables now rather than inside the first request's time budget.
        counter.estimate("gpt-4o", "warm up");
        BucketStore store;
        if (RateLimitConfig.REDIS.equals(config.backend())) {
            store = links == null
                    ? new RedisBucketStore(new RedisLink(config.redis()), config.redis().keyPrefix(), true)
                    : new RedisBucketStore(links.get(config.redis()), config.redis().keyPrefix(), false);
        } else {
            store = new LocalBucketStore(clock);
        }
        return new RateLimitStage(context.name(), config, new CostModel(config.cost(), counter), store,
                configVersion);
    }

    /** Reports every problem of a bound configuration. */
    public static void validate(RateLimitConfig c, ConfigProblems problems) {
        problems.require(RateLimitConfig.LOCAL.equals(c.backend()) || RateLimitConfig.REDIS.equals(c.backend()),
                "backend", "must be local or redis");
        if (RateLimitConfig.REDIS.equals(c.backend())) {
            problems.require(c.redis() != null && c.redis().uri() != null && !c.redis().uri().isBlank(),
                    "redis.uri", "is required for backend redis");
            if (c.redis() != null) {
                problems.require(c.redis().timeout().toNanos() > 0, "redis.timeout", "must be > 0");
            }
        }
        validateCost(c.cost(), problems);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < c.limits().size(); i++) {
            validateLimit(c.limits().get(i), "limits[" + i + "]", names, problems);
        }
        RateLimitConfig.InFlight f = c.inFlight();
        problems.require(f.perKey() == null || f.perKey() > 0, "inFlight.perKey", "must be > 0");
        problems.require(f.global() == null || f.global() > 0, "inFlight.global", "must be > 0");
        dimensions(f.key(), "inFlight.key", problems);
        RateLimitConfig.Caps caps = c.caps();
        problems.require(caps.maxOutputTokens() == null || caps.maxOutputTokens() > 0, "caps.maxOutputTokens",
                "must be > 0");
        problems.require(caps.maxPromptTokens() == null || caps.maxPromptTokens() > 0, "caps.maxPromptTokens",
                "must be > 0");
        problems.require(caps.maxBodyBytes() == null || caps.maxBodyBytes() > 0, "caps.maxBodyBytes", "must be > 0");
    }

    private static void validateCost(RateLimitConfig.Cost cost, ConfigProblems problems) {
        problems.require(cost.defaultOutputTokens() >= 0, "cost.defaultOutputTokens", "must be >= 0");
        problems.require(cost.maxOutputTokens() > 0, "cost.maxOutputTokens", "must be > 0");
        price(cost.defaultPrice(), "cost.defaultPrice", problems);
        for (Map.Entry<String, RateLimitConfig.Price> e : cost.models().entrySet()) {
            price(e.getValue(), "cost.models." + e.getKey(), problems);
        }
        for (Map.Entry<String, Double> e : cost.routes().entrySet()) {
            problems.require(e.getValue() != null && e.getValue() >= 0, "cost.routes." + e.getKey(), "must be >= 0");
        }
    }

    private static void price(RateLimitConfig.Price p, String path, ConfigProblems problems) {
        problems.require(p != null && p.input() >= 0, path + ".input", "must be >= 0");
        problems.require(p != null && p.output() >= 0, path + ".output", "must be >= 0");
    }

    private static void validateLimit(RateLimitConfig.Limit l, String path, Set<String> names,
                                      ConfigProblems problems) {
        if (l.name() == null || l.name().isBlank()) {
            problems.add(path + ".name", "is required");
        } else {
            problems.require(names.add(l.name()), path + ".name", "duplicate limit name '" + l.name() + "'");
        }
        problems.require(Unit.parse(l.unit()) != null, path + ".unit", "must be tokens, requests or cost");
        dimensions(l.key(), path + ".key", problems);
        bands(l.bandwidths(), path + ".bandwidths", problems);
        l.tiers().forEach((tier, bands) -> bands(bands, path + ".tiers." + tier, problems));
    }

    private static void bands(List<RateLimitConfig.Band> bands, String path, ConfigProblems problems) {
        if (bands == null || bands.isEmpty()) {
            problems.add(path, "needs at least one bandwidth");
            return;
        }
        for (int i = 0; i < bands.size(); i++) {
            RateLimitConfig.Band b = bands.get(i);
            String p = path + "[" + i + "]";
            problems.require(b.capacity() != null && b.capacity() > 0, p + ".capacity", "must be > 0");
            boolean periodOk = b.period() != null && !b.period().isNegative() && !b.period().isZero();
            problems.require(periodOk, p + ".period", "must be > 0");
            if (periodOk && b.capacity() != null && b.capacity() > 0) {
                // Bucket4j refills at most one unit per nanosecond.
                problems.require(b.capacity() <= b.period().toNanos(), p + ".capacity",
                        "refills faster than 1 unit per nanosecond: lengthen the period");
            }
        }
    }

    private static void dimensions(List<String> dims, String path, ConfigProblems problems) {
        for (int i = 0; i < dims.size(); i++) {
            problems.require(KeyResolver.isKnown(dims.get(i)), path + "[" + i + "]",
                    "unknown dimension '" + dims.get(i) + "'");
        }
    }
}
