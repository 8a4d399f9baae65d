package dev.aiguard.api.internal.events;

/**
 * Configuration of the {@code slf4j} event sink.
 *
 * @param logger logger name the events go to; default {@value #DEFAULT_LOGGER}
 */
public record Slf4jSinkConfig(String logger) {

    /** The default logger name. */
    public static final String DEFAULT_LOGGER = "aiguard.events";

    public Slf4jSinkConfig {
        logger = logger == null || logger.isBlank() ? DEFAULT_LOGGER : logger;
    }

    /** The defaults. */
    public static Slf4jSinkConfig defaults() {
        return new Slf4jSinkConfig(null);
    }
}
