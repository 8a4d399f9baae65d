package dev.aiguard.output.internal.pii;

import dev.aiguard.api.ConfigProblems;
import dev.aiguard.api.Stage;
import dev.aiguard.api.StageContext;
import dev.aiguard.api.StageFactory;
import dev.aiguard.output.PiiStageConfig;
import dev.aiguard.output.internal.detect.Detector;
import dev.aiguard.output.internal.detect.Detectors;
import dev.aiguard.output.internal.stream.Action;

import java.util.ArrayList;
import java.util.List;

/** {@code type: pii}: redacts personal data (and secrets) in prompts before they are forwarded. */
public final class PiiStageFactory implements StageFactory<PiiStageConfig> {

    @Override
    public String type() {
        return "pii";
    }

    @Override
    public Class<PiiStageConfig> configType() {
        return PiiStageConfig.class;
    }

    @Override
    public void validate(PiiStageConfig config, ConfigProblems problems) {
        for (String d : config.detectors()) {
            problems.require(Detectors.builtIn().containsKey(d), "detectors", "unknown detector '" + d + "'");
        }
        problems.require(Action.parse(config.action()).isPresent(), "action", "must be block, redact or flag");
    }

    @Override
    public Stage create(PiiStageConfig config, StageContext context) {
        List<Detector> detectors = new ArrayList<>();
        Detectors.builtIn().forEach((name, d) -> {
            boolean chosen = config.detectors().isEmpty() ? d.kind().equals("pii") : config.detectors().contains(name);
            if (chosen || (config.secrets() && d.kind().equals("secret") && !config.detectors().contains(name))) {
                detectors.add(d);
            }
        });
        return new PiiStage(context.name(), detectors, Action.parse(config.action()).orElseThrow(), config.vault());
    }
}
