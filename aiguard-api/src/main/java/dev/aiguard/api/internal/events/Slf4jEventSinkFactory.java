package dev.aiguard.api.internal.events;

import dev.aiguard.api.EventSink;
import dev.aiguard.api.EventSinkFactory;

import java.nio.file.Path;

/** {@code type: slf4j}: events as JSON log lines on logger {@code aiguard.events}. */
public final class Slf4jEventSinkFactory implements EventSinkFactory<Slf4jSinkConfig> {

    @Override
    public String type() {
        return "slf4j";
    }

    @Override
    public Class<Slf4jSinkConfig> configType() {
        return Slf4jSinkConfig.class;
    }

    @Override
    public EventSink create(Slf4jSinkConfig config, Path baseDirectory) {
        return new Slf4jEventSink(config == null ? Slf4jSinkConfig.defaults() : config, new OcsfEventMapper());
    }
}
