package dev.aiguard.ratelimit.internal;

import dev.aiguard.ratelimit.RateLimitConfig;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConfigurationBuilder;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A limit from the policy with its Bucket4j configurations built once: the default and one per tier.
 *
 * @param name       the limit's name
 * @param dimensions key dimensions
 * @param unit       what it counts
 * @param standard   the configuration for principals without a tier override
 * @param tiers      per-tier configurations
 * @param policies   the {@code RateLimit-Policy} items per configuration
 */
public record CompiledLimit(String name, List<String> dimensions, Unit unit, BucketConfiguration standard,
                            Map<String, BucketConfiguration> tiers, Map<BucketConfiguration, String> policies) {

    /** Builds the limit; the config must have been validated. */
    public static CompiledLimit of(RateLimitConfig.Limit limit) {
        Map<BucketConfiguration, String> policies = new HashMap<>();
        BucketConfiguration standard = configuration(limit.name(), limit.bandwidths(), policies);
        Map<String, BucketConfiguration> tiers = new HashMap<>();
        limit.tiers().forEach((tier, bands) -> tiers.put(tier, configuration(limit.name(), bands, policies)));
        return new CompiledLimit(limit.name(), limit.key(), Unit.parse(limit.unit()), standard, Map.copyOf(tiers),
                Map.copyOf(policies));
    }

    /** The configuration that applies to a principal's tier. */
    public BucketConfiguration configurationFor(String tier) {
        BucketConfiguration c = tier == null ? null : tiers.get(tier);
        return c == null ? standard : c;
    }

    /** Whether the bucket key must include the tier (so a tier change moves the principal to a fresh bucket). */
    public boolean tiered() {
        return !tiers.isEmpty();
    }

    private static BucketConfiguration configuration(String limitName, List<RateLimitConfig.Band> bands,
                                                     Map<BucketConfiguration, String> policies) {
        ConfigurationBuilder builder = BucketConfiguration.builder();
        StringBuilder policy = new StringBuilder();
        for (RateLimitConfig.Band band : bands) {
            String id = bandName(band);
            builder.addLimit(Bandwidth.builder().capacity(band.capacity())
                    .refillGreedy(band.capacity(), band.period()).id(id).build());
            if (!policy.isEmpty()) {
                policy.append(", ");
            }
            policy.append('"').append(limitName).append('.').append(id).append("\";q=").append(band.capacity())
                    .append(";w=").append(Math.max(1, band.period().toSeconds()));
        }
        BucketConfiguration built = builder.build();
        policies.put(built, policy.toString());
        return built;
    }

    /** A band's label: its name, else its period in seconds. */
    public static String bandName(RateLimitConfig.Band band) {
        return band.name() != null ? band.name() : band.period().toSeconds() + "s";
    }
}
