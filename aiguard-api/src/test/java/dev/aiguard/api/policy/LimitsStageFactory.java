package dev.aiguard.api.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.aiguard.api.ConfigProblems;
import dev.aiguard.api.Stage;
import dev.aiguard.api.StageContext;
import dev.aiguard.api.StageFactory;
import dev.aiguard.api.StageOutcome;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Test stage type {@code limits}: a configuration with nested records, lists, maps and durations, and a
 * {@link #validate} with its own rules, to exercise checking and error locations. The stage itself passes everything.
 */
public final class LimitsStageFactory implements StageFactory<LimitsStageFactory.Config> {

    /**
     * @param limits  token limits
     * @param window  accounting window
     * @param weights cost weight per model
     * @param backend where counters live
     * @param routes  a limit per route
     */
    public record Config(List<Limit> limits, Duration window, Map<String, Integer> weights, Backend backend,
                         Map<String, Limit> routes) {
    }

    /**
     * @param key    what is counted (required)
     * @param tokens tokens allowed per {@code per}
     * @param per    period
     */
    public record Limit(@JsonProperty(required = true) String key, long tokens, Duration per) {
    }

    /**
     * @param url      backend address
     * @param password backend secret (from the environment)
     */
    public record Backend(String url, String password) {
    }

    @Override
    public String type() {
        return "limits";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public void validate(Config config, ConfigProblems problems) {
        List<Limit> limits = config.limits() == null ? List.of() : config.limits();
        for (int i = 0; i < limits.size(); i++) {
            problems.require(limits.get(i).tokens() > 0, "limits[" + i + "].tokens", "must be > 0");
        }
        if (config.weights() != null) {
            config.weights().forEach((model, weight) ->
                    problems.require(weight >= 0, "weights[\"" + model + "\"]", "must be >= 0"));
        }
    }

    @Override
    public Stage create(Config config, StageContext context) {
        return exchange -> StageOutcome.pass();
    }
}
