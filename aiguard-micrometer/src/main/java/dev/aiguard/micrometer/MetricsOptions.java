package dev.aiguard.micrometer;

import java.time.Duration;
import java.util.Objects;

/**
 * Cardinality bounds and refresh of {@link AiGuardMetrics}.
 *
 * @param maxRuleIds        distinct rule ids that get their own {@code rule} tag value; later ones are {@code other}
 * @param maxReasons        distinct reason codes that get their own {@code reason} tag value
 * @param topTenants        tenants shown on their own in {@code aiguard.tenant.tokens} (by tokens charged)
 * @param maxTrackedTenants tenants counted exactly; beyond that, new tenants count towards {@code other}
 * @param refreshInterval   how often the top-tenant gauges are recomputed (on the request path, at most this often)
 */
public record MetricsOptions(int maxRuleIds, int maxReasons, int topTenants, int maxTrackedTenants,
                             Duration refreshInterval) {

    /** 100 rule ids, 50 reasons, top 10 of up to 1000 tenants, refreshed every 10 s. */
    public static final MetricsOptions DEFAULTS = new MetricsOptions(100, 50, 10, 1000, Duration.ofSeconds(10));

    public MetricsOptions {
        Objects.requireNonNull(refreshInterval, "refreshInterval");
        if (maxRuleIds < 0 || maxReasons < 0 || topTenants < 0) {
            throw new IllegalArgumentException("maxRuleIds, maxReasons and topTenants must be >= 0");
        }
        if (maxTrackedTenants <= 0) {
            throw new IllegalArgumentException("maxTrackedTenants must be > 0");
        }
        if (refreshInterval.isNegative()) {
            throw new IllegalArgumentException("refreshInterval must be >= 0");
        }
    }
}
