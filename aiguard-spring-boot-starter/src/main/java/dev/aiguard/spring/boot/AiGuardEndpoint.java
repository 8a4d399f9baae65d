package dev.aiguard.spring.boot;

import dev.aiguard.api.ConfiguredStage;
import dev.aiguard.api.Guard;
import dev.aiguard.api.GuardConfig;
import dev.aiguard.api.PolicyError;
import dev.aiguard.api.PolicyWatcher;
import dev.aiguard.spring.boot.internal.StageHealth;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /actuator/aiguard}: the policy version in force, the last reload's errors, and each stage's settings and
 * health. A POST reloads the policy file now. Expose it like any endpoint
 * ({@code management.endpoints.web.exposure.include=aiguard}); it shows no request data.
 */
@Endpoint(id = "aiguard")
public class AiGuardEndpoint {

    /** How recent a failure must be for a stage to be reported {@code DEGRADED}. */
    static final Duration DEGRADED_FOR = Duration.ofMinutes(5);

    private final Guard guard;
    private final PolicyWatcher watcher;
    private final StageHealth health;
    private final String policy;

    /**
     * @param watcher the policy watcher, or {@code null} when hot reload is off
     * @param policy  the policy location, as configured
     */
    public AiGuardEndpoint(Guard guard, PolicyWatcher watcher, StageHealth health, String policy) {
        this.guard = guard;
        this.watcher = watcher;
        this.health = health;
        this.policy = policy;
    }

    /** What the endpoint answers. */
    public record Status(String status, String policyVersion, String mode, String policy, boolean hotReload,
                         List<String> lastReloadErrors, List<StageStatus> stages) {
    }

    /**
     * One stage.
     *
     * @param health      {@code UP}, or {@code DEGRADED} when it failed (error or overrun) in the last 5 minutes
     * @param details     what the stage reports about itself (e.g. {@code regex.engine})
     */
    public record StageStatus(String name, String type, String mode, boolean failOpen, long budgetMillis,
                              Map<String, String> details, String health, long errors, long overruns,
                              Instant lastFailure) {
    }

    @ReadOperation
    public Status status() {
        GuardConfig config = guard.config();
        Instant now = Instant.now();
        List<StageStatus> stages = config.stages().stream().map(s -> stage(config, s, now)).toList();
        List<String> errors = watcher == null ? List.of()
                : watcher.lastErrors().stream().map(PolicyError::toString).toList();
        boolean degraded = !errors.isEmpty() || stages.stream().anyMatch(s -> !"UP".equals(s.health()));
        return new Status(degraded ? "DEGRADED" : "UP", config.version(), lower(config.mode().name()), policy,
                watcher != null, errors, stages);
    }

    /** Reloads the policy now; answers the status afterwards (with the errors if the change was rejected). */
    @WriteOperation
    public Status reload() {
        if (watcher != null) {
            watcher.reload();
        }
        return status();
    }

    private StageStatus stage(GuardConfig config, ConfiguredStage s, Instant now) {
        StageHealth.Counts c = health.of(s.name());
        Instant last = c.lastFailure();
        boolean recent = last != null && last.isAfter(now.minus(DEGRADED_FOR));
        String mode = lower((s.mode() != null ? s.mode() : config.mode()).name());
        return new StageStatus(s.name(), s.type(), mode, s.failOpen(), s.budget().toMillis(), s.stage().describe(),
                recent ? "DEGRADED" : "UP", c.errors(), c.overruns(), last);
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
