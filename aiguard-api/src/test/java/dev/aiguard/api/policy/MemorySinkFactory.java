package dev.aiguard.api.policy;

import dev.aiguard.api.EventSink;
import dev.aiguard.api.EventSinkFactory;
import dev.aiguard.api.EventType;
import dev.aiguard.api.SecurityEvent;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test sink type {@code memory}: keeps events in a list owned by the factory instance. Registered as a service (so the
 * type is known); tests that read events pass their own instance to the loader builder, which wins over the service.
 */
public final class MemorySinkFactory implements EventSinkFactory<MemorySinkFactory.Config> {

    /** @param label free text */
    public record Config(String label) {
    }

    private final List<SecurityEvent> events = new CopyOnWriteArrayList<>();
    private final EventSink sink = events::add;

    @Override
    public String type() {
        return "memory";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public EventSink create(Config config, Path baseDirectory) {
        return sink;
    }

    /** Every event published so far. */
    public List<SecurityEvent> events() {
        return List.copyOf(events);
    }

    /** Events of one type. */
    public List<SecurityEvent> events(EventType type) {
        return events.stream().filter(e -> e.type() == type).toList();
    }
}
