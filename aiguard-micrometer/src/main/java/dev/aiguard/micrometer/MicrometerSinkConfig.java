package dev.aiguard.micrometer;

import java.time.Duration;

/**
 * Configuration of the {@code micrometer} event sink; every key is optional (defaults of
 * {@link MetricsOptions#DEFAULTS}).
 *
 * @param maxRuleIds        distinct rule ids with their own tag value
 * @param maxReasons        distinct reason codes with their own tag value
 * @param topTenants        tenants shown on their own in {@code aiguard.tenant.tokens}
 * @param maxTrackedTenants tenants counted exactly
 * @param refreshInterval   how often the top-tenant gauges are recomputed
 */
public record MicrometerSinkConfig(Integer maxRuleIds, Integer maxReasons, Integer topTenants,
                                   Integer maxTrackedTenants, Duration refreshInterval) {

    /** The options these keys describe, defaults filled in. */
    public MetricsOptions toOptions() {
        MetricsOptions d = MetricsOptions.DEFAULTS;
        return new MetricsOptions(maxRuleIds == null ? d.maxRuleIds() : maxRuleIds,
                maxReasons == null ? d.maxReasons() : maxReasons, topTenants == null ? d.topTenants() : topTenants,
                maxTrackedTenants == null ? d.maxTrackedTenants() : maxTrackedTenants,
                refreshInterval == null ? d.refreshInterval() : refreshInterval);
    }
}
