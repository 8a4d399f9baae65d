package dev.aiguard.output.internal.behaviour;

import dev.aiguard.api.ConfigProblems;
import dev.aiguard.api.Stage;
import dev.aiguard.api.StageContext;
import dev.aiguard.api.StageFactory;
import dev.aiguard.api.Throttle;
import dev.aiguard.output.BehaviourStageConfig;

import java.time.Clock;

/** {@code type: behaviour}: per-identity abuse patterns over a sliding window. */
public final class BehaviourStageFactory implements StageFactory<BehaviourStageConfig> {

    @Override
    public String type() {
        return "behaviour";
    }

    @Override
    public Class<BehaviourStageConfig> configType() {
        return BehaviourStageConfig.class;
    }

    @Override
    public void validate(BehaviourStageConfig config, ConfigProblems problems) {
        problems.require(!config.window().isNegative() && !config.window().isZero(), "window", "must be > 0");
        problems.require(config.maxIdentities() > 0 && config.maxIdentities() <= 10_000_000, "maxIdentities",
                "must be 1..10000000");
        problems.require(config.flag() > 0 && config.flag() <= 1, "flag", "must be in (0, 1]");
        problems.require(config.throttle() >= config.flag() && config.throttle() <= 1, "throttle",
                "must be between flag and 1");
        problems.require(config.block() >= config.throttle() && config.block() <= 1, "block",
                "must be between throttle and 1");
        problems.require(config.minRequests() >= 1, "minRequests", "must be >= 1");
        problems.require(BehaviourStageConfig.THROTTLE_RATELIMIT.equalsIgnoreCase(config.throttleAction())
                        || BehaviourStageConfig.THROTTLE_REFUSE.equalsIgnoreCase(config.throttleAction()),
                "throttleAction", "must be ratelimit or refuse");
        problems.require(config.throttleFactor() >= 1 && config.throttleFactor() <= Throttle.MAX_FACTOR,
                "throttleFactor", "must be 1..1000");
    }

    @Override
    public Stage create(BehaviourStageConfig config, StageContext context) {
        return new BehaviourStage(context.name(), config, Clock.systemUTC());
    }
}
