package dev.aiguard.api.internal.events;

import dev.aiguard.api.ConfigProblems;
import dev.aiguard.api.EventSink;
import dev.aiguard.api.EventSinkFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/** {@code type: flowlog}: per-identity cost and verdict summaries per window, as JSON Lines (see {@link FlowLogSink}). */
public final class FlowLogSinkFactory implements EventSinkFactory<FlowLogConfig> {

    @Override
    public String type() {
        return "flowlog";
    }

    @Override
    public Class<FlowLogConfig> configType() {
        return FlowLogConfig.class;
    }

    @Override
    public void validate(FlowLogConfig config, ConfigProblems problems) {
        problems.require(config.path() != null && !config.path().isBlank(), "path", "must not be empty");
        problems.require(config.window().toMillis() >= 1, "window", "must be at least 1ms");
        problems.require(config.topN() >= 0, "topN", "must be >= 0");
        problems.require(config.maxIdentities() > 0, "maxIdentities", "must be > 0");
    }

    @Override
    public EventSink create(FlowLogConfig config, Path baseDirectory) throws IOException {
        Path path = Path.of(config.path());
        if (!path.isAbsolute() && baseDirectory != null) {
            path = baseDirectory.resolve(path).normalize();
        }
        return new FlowLogSink(path, config, Clock.systemUTC(), true);
    }
}
