package dev.aiguard.api.policy;

import dev.aiguard.api.EventSink;
import dev.aiguard.api.EventSinkFactory;
import dev.aiguard.api.SecurityEvent;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** Test sink type {@code tracked}: a new sink per {@code create}, each remembering whether it was closed. */
final class TrackedSinkFactory implements EventSinkFactory<TrackedSinkFactory.Config> {

    /** @param file where a real sink would write */
    record Config(String file) {
    }

    /** A sink that records its events and its closing. */
    static final class Tracked implements EventSink {
        final Config config;
        final List<SecurityEvent> events = new CopyOnWriteArrayList<>();
        final AtomicBoolean closed = new AtomicBoolean();

        Tracked(Config config) {
            this.config = config;
        }

        @Override
        public void publish(SecurityEvent event) {
            events.add(event);
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    final List<Tracked> created = new CopyOnWriteArrayList<>();

    @Override
    public String type() {
        return "tracked";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public EventSink create(Config config, Path baseDirectory) {
        Tracked sink = new Tracked(config);
        created.add(sink);
        return sink;
    }
}
