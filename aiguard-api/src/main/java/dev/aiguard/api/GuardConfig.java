package dev.aiguard.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a {@link Guard} runs with: immutable, built once (by code, or from a policy file),
 * and swapped atomically on reload.
 *
 * @param version       a label for this configuration (policy digest or a name); shows up in events
 * @param mode          the guard-wide mode; stages and rules may override it
 * @param stages        the stages in order
 * @param sinks         where events go
 * @param events        what events record
 * @param maxBodyBytes  how many body bytes adapters buffer for inspection
 */
public record GuardConfig(String version, Mode mode, List<ConfiguredStage> stages, List<EventSink> sinks,
                          EventOptions events, int maxBodyBytes) {

    public GuardConfig {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(events, "events");
        stages = List.copyOf(stages);
        sinks = List.copyOf(sinks);
        Set<String> names = new HashSet<>();
        for (ConfiguredStage stage : stages) {
            if (!names.add(stage.name())) {
                throw new IllegalArgumentException("duplicate stage name '" + stage.name() + "'");
            }
        }
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxBodyBytes must be >= 0");
        }
    }

    /** A builder with defaults: mode enforce, no stages, no sinks, default event options, 1 MiB bodies. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link GuardConfig}. */
    public static final class Builder {
        private String version = "code";
        private Mode mode = Mode.ENFORCE;
        private final List<ConfiguredStage> stages = new ArrayList<>();
        private final List<EventSink> sinks = new ArrayList<>();
        private EventOptions events = EventOptions.DEFAULTS;
        private int maxBodyBytes = GuardRequest.DEFAULT_MAX_BODY_BYTES;

        private Builder() {
        }

        public Builder version(String version) {
            this.version = version;
            return this;
        }

        public Builder mode(Mode mode) {
            this.mode = mode;
            return this;
        }

        /** Appends a stage with the defaults of {@link ConfiguredStage#of}. */
        public Builder stage(String name, Stage stage) {
            return stage(ConfiguredStage.of(name, stage));
        }

        public Builder stage(ConfiguredStage stage) {
            stages.add(stage);
            return this;
        }

        public Builder sink(EventSink sink) {
            sinks.add(sink);
            return this;
        }

        public Builder events(EventOptions events) {
            this.events = events;
            return this;
        }

        public Builder maxBodyBytes(int maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        public GuardConfig build() {
            return new GuardConfig(version, mode, stages, sinks, events, maxBodyBytes);
        }
    }
}
