package dev.aiguard.micrometer;

import dev.aiguard.api.ConfigProblems;
import dev.aiguard.api.EventSink;
import dev.aiguard.api.EventSinkFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

import java.nio.file.Path;
import java.util.Objects;

/**
 * {@code type: micrometer}: an {@link AiGuardMetrics} bound to a registry. Found by {@link java.util.ServiceLoader}
 * it binds to Micrometer's global registry ({@link Metrics#globalRegistry}); a host with its own registry (Spring
 * Boot) registers {@code new MicrometerSinkFactory(registry)} with {@code PolicyLoader.Builder.sinkFactory}.
 */
public final class MicrometerSinkFactory implements EventSinkFactory<MicrometerSinkConfig> {

    private final MeterRegistry registry;

    /** A factory binding to {@link Metrics#globalRegistry}. */
    public MicrometerSinkFactory() {
        this(Metrics.globalRegistry);
    }

    public MicrometerSinkFactory(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public String type() {
        return "micrometer";
    }

    @Override
    public Class<MicrometerSinkConfig> configType() {
        return MicrometerSinkConfig.class;
    }

    @Override
    public void validate(MicrometerSinkConfig c, ConfigProblems problems) {
        problems.require(c.maxRuleIds() == null || c.maxRuleIds() >= 0, "maxRuleIds", "must be >= 0");
        problems.require(c.maxReasons() == null || c.maxReasons() >= 0, "maxReasons", "must be >= 0");
        problems.require(c.topTenants() == null || c.topTenants() >= 0, "topTenants", "must be >= 0");
        problems.require(c.maxTrackedTenants() == null || c.maxTrackedTenants() > 0, "maxTrackedTenants",
                "must be > 0");
    }

    @Override
    public EventSink create(MicrometerSinkConfig config, Path baseDirectory) {
        AiGuardMetrics metrics = new AiGuardMetrics(config.toOptions());
        metrics.bindTo(registry);
        return metrics;
    }
}
