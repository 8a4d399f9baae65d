package dev.aiguard.api;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A test event sink that keeps every event. */
final class RecordingSink implements EventSink {

    final List<SecurityEvent> events = new CopyOnWriteArrayList<>();
    final AtomicInteger closes = new AtomicInteger();

    @Override
    public void publish(SecurityEvent event) {
        events.add(event);
    }

    @Override
    public void close() {
        closes.incrementAndGet();
    }

    List<SecurityEvent> ofType(EventType type) {
        return events.stream().filter(e -> e.type() == type).toList();
    }
}
