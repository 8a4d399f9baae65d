package dev.aiguard.api;

/**
 * Creates stages of one {@code type:}. Factories are found with {@link java.util.ServiceLoader} (register the class in
 * {@code META-INF/services/dev.aiguard.api.StageFactory}), so a jar on the class path adds stage types.
 *
 * @param <C> the stage's typed configuration: a record bound from the stage's own keys in the policy
 */
public interface StageFactory<C> {

    /** The policy's {@code type:} value, e.g. {@code crs}. */
    String type();

    /** The configuration record type (unknown keys in the policy are errors). */
    Class<C> configType();

    /**
     * Validates a bound configuration. Report every problem through {@code problems}, with the path of the offending
     * key relative to the stage (e.g. {@code limits[0].tokens}). Default: no extra checks.
     */
    default void validate(C config, ConfigProblems problems) {
    }

    /** Builds the stage; called once per policy (re)load. May throw: the load then fails with the message. */
    Stage create(C config, StageContext context) throws Exception;
}
