package dev.aiguard.api.internal.events;

/**
 * Configuration of the {@code file} event sink.
 *
 * @param path      the JSON Lines file events are appended to; relative paths resolve against the policy's directory
 * @param queueSize how many events may wait for the writer thread; beyond that, events are dropped and counted.
 *                  Default {@value #DEFAULT_QUEUE_SIZE}
 */
public record FileSinkConfig(String path, Integer queueSize) {

    /** Default queue capacity. */
    public static final int DEFAULT_QUEUE_SIZE = 8192;

    public FileSinkConfig {
        queueSize = queueSize == null ? DEFAULT_QUEUE_SIZE : queueSize;
    }

    /** A config for {@code path} with the default queue size. */
    public static FileSinkConfig of(String path) {
        return new FileSinkConfig(path, null);
    }
}
