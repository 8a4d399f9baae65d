package dev.aiguard.cli.internal.egress;

import dev.aiguard.api.EventSink;
import dev.aiguard.api.SecurityEvent;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Keeps every event; waits for one that matches (tunnels report when they close, a moment after the client). */
final class RecordingSink implements EventSink {

    final List<SecurityEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void publish(SecurityEvent event) {
        events.add(event);
    }

    SecurityEvent await(Predicate<SecurityEvent> match) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (SecurityEvent e : events) {
                if (match.test(e)) {
                    return e;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no matching event among " + events);
    }
}
