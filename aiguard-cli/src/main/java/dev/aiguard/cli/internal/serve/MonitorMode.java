package dev.aiguard.cli.internal.serve;

import dev.aiguard.api.ConfiguredStage;
import dev.aiguard.api.GuardConfig;
import dev.aiguard.api.Mode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --monitor}: the whole guard staged, every {@code enforce} (guard, stage, rule) turned into {@code monitor}. */
public final class MonitorMode {

    private MonitorMode() {
    }

    /** {@code config} with nothing left that blocks; {@code off} stays off. */
    public static GuardConfig apply(GuardConfig config) {
        List<ConfiguredStage> stages = config.stages().stream().map(MonitorMode::stage).toList();
        return new GuardConfig(config.version(), monitored(config.mode()), stages, config.sinks(), config.events(),
                config.maxBodyBytes());
    }

    private static ConfiguredStage stage(ConfiguredStage stage) {
        Map<String, Mode> rules = new LinkedHashMap<>();
        stage.ruleModes().forEach((rule, mode) -> rules.put(rule, monitored(mode)));
        Mode mode = stage.mode() == null ? null : monitored(stage.mode());
        return stage.withMode(mode).withRuleModes(rules);
    }

    private static Mode monitored(Mode mode) {
        return mode == Mode.ENFORCE ? Mode.MONITOR : mode;
    }
}
