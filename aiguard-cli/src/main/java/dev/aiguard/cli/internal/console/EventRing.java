package dev.aiguard.cli.internal.console;

import dev.aiguard.api.SecurityEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The last N security events, newest last; thread-safe, fixed memory. */
final class EventRing {

    private final SecurityEvent[] slots;
    private long written;

    EventRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1");
        }
        slots = new SecurityEvent[capacity];
    }

    synchronized void add(SecurityEvent event) {
        slots[(int) (written % slots.length)] = event;
        written++;
    }

    /** Up to {@code limit} events matching {@code filter}, newest first. */
    synchronized List<SecurityEvent> newest(Predicate<SecurityEvent> filter, int limit) {
        List<SecurityEvent> out = new ArrayList<>();
        long oldest = Math.max(0, written - slots.length);
        for (long i = written - 1; i >= oldest && out.size() < limit; i--) {
            SecurityEvent e = slots[(int) (i % slots.length)];
            if (filter.test(e)) {
                out.add(e);
            }
        }
        return out;
    }

    /** How many events were ever added (older ones have been dropped). */
    synchronized long total() {
        return written;
    }
}
