package dev.aiguard.spring.boot;

import dev.aiguard.api.EventSink;
import dev.aiguard.api.Guard;
import dev.aiguard.api.PolicyException;
import dev.aiguard.api.PolicyLoader;
import dev.aiguard.api.PolicyWatcher;
import dev.aiguard.micrometer.AiGuardMetrics;
import dev.aiguard.micrometer.MetricsOptions;
import dev.aiguard.micrometer.otel.AiGuardTracing;
import dev.aiguard.servlet.AiGuardFilter;
import dev.aiguard.servlet.StreamLimit;
import dev.aiguard.spring.boot.internal.PolicyLocation;
import dev.aiguard.spring.boot.internal.StageHealth;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

import java.time.Duration;

/**
 * Auto-configuration: a {@link Guard} built from the policy file named by {@code aiguard.policy}, put in front of a
 * Spring MVC application as a servlet filter, reloaded when the file changes, measured with Micrometer when a
 * registry is present, traced on the request's span when OpenTelemetry's API is, and described at
 * {@code /actuator/aiguard} when Actuator is.
 *
 * <p>Every {@link EventSink} bean of the application is attached to the guard (they survive policy reloads), so an
 * application adds its own sinks and observers by declaring them. Each bean here backs off when the application
 * declares its own of the same type.
 */
@AutoConfiguration
@ConditionalOnClass({Guard.class, AiGuardFilter.class, FilterRegistrationBean.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(prefix = "aiguard", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(AiGuardProperties.class)
public class AiGuardAutoConfiguration {

    /** Bean name of the filter registration. */
    public static final String FILTER_NAME = "aiGuardFilter";

    @Bean
    @ConditionalOnMissingBean
    public PolicyLoader aiGuardPolicyLoader() {
        return PolicyLoader.create();
    }

    @Bean
    @ConditionalOnMissingBean
    public PolicyLocation aiGuardPolicyLocation(AiGuardProperties properties, ResourceLoader resources) {
        return PolicyLocation.resolve(properties.getPolicy(), resources);
    }

    @Bean
    @ConditionalOnMissingBean
    public StageHealth aiGuardStageHealth() {
        return new StageHealth();
    }

    /** The guard; startup fails with the policy's errors (file, line, path) when it does not load. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public Guard aiGuard(PolicyLoader loader, PolicyLocation location, ObjectProvider<EventSink> sinks)
            throws PolicyException {
        return Guard.create(loader.load(location.path()).toGuardConfig(), sinks.orderedStream().toList());
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "aiguard.watch", name = "enabled", havingValue = "true", matchIfMissing = true)
    public PolicyWatcher aiGuardPolicyWatcher(PolicyLoader loader, PolicyLocation location, Guard guard,
                                              AiGuardProperties properties) {
        return PolicyWatcher.builder(loader, location.path(), guard)
                .debounce(positive(properties.getWatch().getDebounce(), PolicyWatcher.DEFAULT_DEBOUNCE))
                .pollInterval(positive(properties.getWatch().getPollInterval(), PolicyWatcher.DEFAULT_POLL_INTERVAL))
                .start();
    }

    private static Duration positive(Duration d, Duration fallback) {
        return d == null || d.isNegative() || d.isZero() ? fallback : d;
    }

    @Bean
    @ConditionalOnMissingBean(name = FILTER_NAME)
    public FilterRegistrationBean<AiGuardFilter> aiGuardFilter(Guard guard, AiGuardProperties properties,
                                                               ObjectProvider<StreamLimit> streamLimit) {
        FilterRegistrationBean<AiGuardFilter> registration =
                new FilterRegistrationBean<>(new AiGuardFilter(guard, streamLimit.getIfAvailable()));
        registration.setName(FILTER_NAME);
        registration.setOrder(properties.getOrder());
        registration.setUrlPatterns(properties.getUrlPatterns());
        registration.setAsyncSupported(true);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        return registration;
    }

    /** Meters, when Micrometer is on the class path; Spring Boot binds the binder to the application's registry. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({MeterRegistry.class, AiGuardMetrics.class})
    @ConditionalOnProperty(prefix = "aiguard.metrics", name = "enabled", havingValue = "true", matchIfMissing = true)
    static class MetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        AiGuardMetrics aiGuardMetrics(AiGuardProperties properties) {
            MetricsOptions d = MetricsOptions.DEFAULTS;
            AiGuardProperties.Metrics m = properties.getMetrics();
            return new AiGuardMetrics(new MetricsOptions(m.getMaxRuleIds(), d.maxReasons(), m.getTopTenants(),
                    d.maxTrackedTenants(), d.refreshInterval()));
        }
    }

    /** Span attributes on the request's current span, when OpenTelemetry's API is on the class path. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.opentelemetry.api.trace.Span")
    @ConditionalOnProperty(prefix = "aiguard.tracing", name = "enabled", havingValue = "true", matchIfMissing = true)
    static class TracingConfiguration {

        @Bean
        @ConditionalOnMissingBean
        AiGuardTracing aiGuardTracing() {
            return new AiGuardTracing();
        }
    }

    /** {@code /actuator/aiguard}, when Actuator is on the class path and the endpoint is exposed. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Endpoint.class)
    static class EndpointConfiguration {

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnAvailableEndpoint(endpoint = AiGuardEndpoint.class)
        AiGuardEndpoint aiGuardEndpoint(Guard guard, ObjectProvider<PolicyWatcher> watcher, StageHealth health,
                                        AiGuardProperties properties) {
            return new AiGuardEndpoint(guard, watcher.getIfAvailable(), health, properties.getPolicy());
        }
    }
}
