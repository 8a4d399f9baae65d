package dev.aiguard.micrometer.otel;

import dev.aiguard.api.EventSink;
import dev.aiguard.api.EventSinkFactory;

import java.nio.file.Path;

/**
 * {@code type: opentelemetry}: an {@link AiGuardTracing} (no keys). Fails with a clear message when
 * {@code opentelemetry-api} is not on the class path; the factory itself loads without it.
 */
public final class OpenTelemetrySinkFactory implements EventSinkFactory<OpenTelemetrySinkFactory.Config> {

    /** The sink has no settings. */
    public record Config() {
    }

    @Override
    public String type() {
        return "opentelemetry";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public EventSink create(Config config, Path baseDirectory) {
        try {
            Class.forName("io.opentelemetry.api.trace.Span", false, getClass().getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("type: opentelemetry needs io.opentelemetry:opentelemetry-api on the class path");
        }
        return Tracing.create();
    }

    /** Indirection so that verifying this factory never loads OpenTelemetry types. */
    private static final class Tracing {
        static EventSink create() {
            return new AiGuardTracing();
        }
    }
}
