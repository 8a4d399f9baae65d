package dev.aiguard.api;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A stage placed in a guard, with the settings every stage has.
 *
 * @param name      unique name within the guard (used in findings and events)
 * @param type      the factory type it came from ({@code crs}, {@code identity}, ...)
 * @param stage     the stage itself
 * @param mode      its mode, or {@code null} to inherit the guard's
 * @param budget    time budget per request; overruns become a finding and an event
 * @param failOpen  on error or overrun: {@code true} lets the request continue, {@code false} blocks with 503
 * @param ruleModes per-rule mode overrides
 */
public record ConfiguredStage(String name, String type, Stage stage, Mode mode, Duration budget, boolean failOpen,
                              Map<String, Mode> ruleModes) {

    /** Default time budget of a stage. */
    public static final Duration DEFAULT_BUDGET = Duration.ofMillis(250);

    public ConfiguredStage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(budget, "budget");
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("budget must be > 0");
        }
        ruleModes = Map.copyOf(ruleModes);
    }

    /** A stage that inherits the guard's mode, with the default budget, failing closed. */
    public static ConfiguredStage of(String name, Stage stage) {
        return new ConfiguredStage(name, name, stage, null, DEFAULT_BUDGET, false, Map.of());
    }

    /** This stage with another mode. */
    public ConfiguredStage withMode(Mode newMode) {
        return new ConfiguredStage(name, type, stage, newMode, budget, failOpen, ruleModes);
    }

    /** This stage with another budget and fail-open switch. */
    public ConfiguredStage withBudget(Duration newBudget, boolean newFailOpen) {
        return new ConfiguredStage(name, type, stage, mode, newBudget, newFailOpen, ruleModes);
    }

    /** This stage with per-rule mode overrides. */
    public ConfiguredStage withRuleModes(Map<String, Mode> newRuleModes) {
        return new ConfiguredStage(name, type, stage, mode, budget, failOpen, newRuleModes);
    }
}
