package dev.aiguard.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.Optional;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A loaded, fully validated policy (see {@code docs/policy.md}): every key known, every value of the right type, every
 * stage's configuration bound to its factory's record and accepted by the factory's {@code validate}. Nothing has been
 * built yet: {@link #toGuardConfig()} creates the stages and sinks.
 *
 * <p>Obtain one from {@link PolicyLoader#load(Path)}.
 */
public interface Policy {

    /** Short digest of the merged, substituted policy; equal policies have equal versions. */
    String version();

    /** The guard-wide mode. */
    Mode mode();

    /** How many body bytes adapters buffer for inspection. */
    int maxBodyBytes();

    /** Event options. */
    EventOptions events();

    /** The stages, in pipeline order. */
    List<StageSpec> stages();

    /** The files the policy was read from, in merge order (empty for a policy given as text). */
    List<Path> sources();

    /**
     * A top-level section that another module validates and binds, as the policy wrote it (after {@code ${ENV}}
     * substitution and merging); empty when absent. Known sections: {@code egress} (see {@code docs/egress.md}).
     */
    default Optional<JsonNode> section(String name) {
        return Optional.empty();
    }

    /**
     * Creates the stages and sinks through their factories.
     *
     * @throws PolicyException when a factory fails; sinks already created are closed
     */
    GuardConfig toGuardConfig() throws PolicyException;

    /**
     * One stage as the policy describes it.
     *
     * @param name     unique name
     * @param type     factory type
     * @param mode     its own mode, or {@code null} to inherit the guard's
     * @param budget   time budget
     * @param failOpen whether errors and overruns let the request through
     * @param rules    per-rule mode overrides
     * @param config   its configuration, an instance of the factory's {@link StageFactory#configType()}
     */
    record StageSpec(String name, String type, Mode mode, Duration budget, boolean failOpen, Map<String, Mode> rules,
                     Object config) {
        public StageSpec {
            rules = Map.copyOf(rules);
        }
    }
}
