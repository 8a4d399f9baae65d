package dev.aiguard.spring.boot;

import dev.aiguard.api.PolicyWatcher;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.Ordered;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code aiguard.*} properties. Everything the guard does is in the policy file; these only say where the file
 * is and how the filter is registered.
 */
@ConfigurationProperties(prefix = "aiguard")
public class AiGuardProperties {

    /** Default filter order: early, before Spring Security's filter chain (-100). */
    public static final int DEFAULT_ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

    /** Whether AIGuard is installed at all. */
    private boolean enabled = true;
    /** The policy file or directory: a file-system path, or {@code classpath:...} for a resource on disk. */
    private String policy = "aiguard.yaml";
    /** Order of the servlet filter among the application's filters. */
    private int order = DEFAULT_ORDER;
    /** URL patterns the filter protects. */
    private List<String> urlPatterns = new ArrayList<>(List.of("/*"));
    /** Hot reload of the policy file. */
    private final Watch watch = new Watch();
    /** Micrometer metrics. */
    private final Metrics metrics = new Metrics();
    /** OpenTelemetry span attributes. */
    private final Tracing tracing = new Tracing();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getPolicy() {
        return policy;
    }

    public void setPolicy(String policy) {
        this.policy = policy;
    }

    public int getOrder() {
        return order;
    }

    public void setOrder(int order) {
        this.order = order;
    }

    public List<String> getUrlPatterns() {
        return urlPatterns;
    }

    public void setUrlPatterns(List<String> urlPatterns) {
        this.urlPatterns = urlPatterns;
    }

    public Watch getWatch() {
        return watch;
    }

    public Metrics getMetrics() {
        return metrics;
    }

    public Tracing getTracing() {
        return tracing;
    }

    /** {@code aiguard.tracing.*}: span attributes on the request's current span (needs opentelemetry-api). */
    public static class Tracing {
        /** Whether the guard's verdict, model and token usage are added to the request's span. */
        private boolean enabled = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    /** {@code aiguard.watch.*}: reloading the policy when its file changes ({@link PolicyWatcher}). */
    public static class Watch {
        /** Whether a changed policy file is reloaded (a bad edit keeps the running policy). */
        private boolean enabled = true;
        /** Quiet time after the last change before reloading. */
        private Duration debounce = PolicyWatcher.DEFAULT_DEBOUNCE;
        /** Interval of the modification-time check that backs up the file-system watch. */
        private Duration pollInterval = PolicyWatcher.DEFAULT_POLL_INTERVAL;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getDebounce() {
            return debounce;
        }

        public void setDebounce(Duration debounce) {
            this.debounce = debounce;
        }

        public Duration getPollInterval() {
            return pollInterval;
        }

        public void setPollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
        }
    }

    /** {@code aiguard.metrics.*}: the Micrometer binder. */
    public static class Metrics {
        /** Whether AIGuard's meters are bound to the application's registry. */
        private boolean enabled = true;
        /** Distinct rule ids with their own tag value. */
        private int maxRuleIds = dev.aiguard.micrometer.MetricsOptions.DEFAULTS.maxRuleIds();
        /** Tenants shown on their own in {@code aiguard.tenant.tokens}. */
        private int topTenants = dev.aiguard.micrometer.MetricsOptions.DEFAULTS.topTenants();

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getMaxRuleIds() {
            return maxRuleIds;
        }

        public void setMaxRuleIds(int maxRuleIds) {
            this.maxRuleIds = maxRuleIds;
        }

        public int getTopTenants() {
            return topTenants;
        }

        public void setTopTenants(int topTenants) {
            this.topTenants = topTenants;
        }
    }
}
