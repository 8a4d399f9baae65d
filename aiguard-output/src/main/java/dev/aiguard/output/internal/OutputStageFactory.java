package dev.aiguard.output.internal;

import dev.aiguard.api.ConfigProblems;
import dev.aiguard.api.Stage;
import dev.aiguard.api.StageContext;
import dev.aiguard.api.StageFactory;
import dev.aiguard.output.OutputStageConfig;
import dev.aiguard.output.internal.detect.Detectors;
import dev.aiguard.output.internal.stream.Action;

import java.util.Set;

/** {@code type: output}: secrets, personal data and system-prompt leakage in responses. */
public final class OutputStageFactory implements StageFactory<OutputStageConfig> {

    private static final Set<String> KINDS = Set.of("secret", "pii", "leak");

    @Override
    public String type() {
        return "output";
    }

    @Override
    public Class<OutputStageConfig> configType() {
        return OutputStageConfig.class;
    }

    @Override
    public void validate(OutputStageConfig config, ConfigProblems problems) {
        problems.require(config.streaming().equalsIgnoreCase("strict") || config.streaming().equalsIgnoreCase("audit"),
                "streaming", "must be strict or audit");
        problems.require(config.holdBack() >= 64 && config.holdBack() <= 65536, "holdBack", "must be 64..65536");
        config.actions().forEach((key, value) -> {
            problems.require(KINDS.contains(key) || Detectors.builtIn().containsKey(key) || key.equals("canary")
                    || key.equals("system_prompt"), "actions." + key, "unknown detector or kind");
            problems.require(Action.parse(value).isPresent(), "actions." + key, "must be block, redact or flag");
        });
        for (String d : config.disabled()) {
            problems.require(Detectors.builtIn().containsKey(d) || d.equals("system_prompt"), "disabled",
                    "unknown detector '" + d + "'");
        }
        for (String id : config.nationalIds()) {
            problems.require(Detectors.NATIONAL_IDS.contains(id), "nationalIds", "unknown national id '" + id + "'");
        }
        problems.require(config.leakNgram() >= 0 && config.leakNgram() <= 32, "leakNgram", "must be 0..32");
        problems.require(config.leakMinNgrams() >= 1, "leakMinNgrams", "must be >= 1");
        problems.require(config.maxBodyBytes() > 0, "maxBodyBytes", "must be > 0");
        for (String c : config.canaries()) {
            problems.require(c.length() >= 8, "canaries", "a canary must be at least 8 characters");
        }
    }

    @Override
    public Stage create(OutputStageConfig config, StageContext context) {
        return new OutputStageImpl(context.name(), config);
    }
}
