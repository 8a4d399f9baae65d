package dev.aiguard.api;

import java.nio.file.Path;

/**
 * Creates event sinks of one {@code type:} named in a policy's {@code events.sinks} list. Found with
 * {@link java.util.ServiceLoader} ({@code META-INF/services/dev.aiguard.api.EventSinkFactory}).
 *
 * @param <C> the sink's typed configuration record, bound from its keys in the policy
 */
public interface EventSinkFactory<C> {

    /** The policy's {@code type:} value, e.g. {@code slf4j} or {@code file}. */
    String type();

    /** The configuration record type (unknown keys in the policy are errors). */
    Class<C> configType();

    /** Validates a bound configuration (paths relative to the sink entry). Default: no extra checks. */
    default void validate(C config, ConfigProblems problems) {
    }

    /**
     * Builds the sink.
     *
     * @param baseDirectory directory relative paths resolve against (the policy file's)
     */
    EventSink create(C config, Path baseDirectory) throws Exception;
}
