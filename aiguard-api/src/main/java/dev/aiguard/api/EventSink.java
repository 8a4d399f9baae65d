package dev.aiguard.api;

/**
 * Receives security events. Implementations must be thread-safe, fast (hand slow I/O to a queue) and must not throw:
 * the guard catches and counts failures, but a sink that throws loses its events.
 */
public interface EventSink extends AutoCloseable {

    /** Publishes one event. */
    void publish(SecurityEvent event);

    /** Flushes and releases resources. Default: nothing. */
    @Override
    default void close() {
    }
}
