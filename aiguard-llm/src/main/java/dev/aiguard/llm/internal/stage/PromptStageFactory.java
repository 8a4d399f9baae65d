package dev.aiguard.llm.internal.stage;

import dev.aiguard.api.ConfigProblems;
import dev.aiguard.api.Stage;
import dev.aiguard.api.StageContext;
import dev.aiguard.api.StageFactory;
import dev.aiguard.llm.LlmFormat;
import dev.aiguard.llm.LlmPayloads;
import dev.aiguard.llm.PromptStageConfig;
import dev.aiguard.llm.SegmentSource;
import dev.aiguard.llm.internal.detect.PromptDetector;
import dev.aiguard.llm.internal.detect.PromptModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code type: prompt}: prompt-injection and jailbreak detection on LLM payloads. */
public final class PromptStageFactory implements StageFactory<PromptStageConfig> {

    @Override
    public String type() {
        return "prompt";
    }

    @Override
    public Class<PromptStageConfig> configType() {
        return PromptStageConfig.class;
    }

    @Override
    public void validate(PromptStageConfig config, ConfigProblems problems) {
        config.thresholds().forEach((source, value) -> {
            problems.require(SegmentSource.parse(source).isPresent(), "thresholds." + source,
                    "unknown source (expected one of " + PromptStageConfig.sourceNames() + ")");
            problems.require(value != null && value >= 0 && value <= 1, "thresholds." + source, "must be between 0 and 1");
        });
        problems.require(config.report() >= 0 && config.report() <= 1, "report", "must be between 0 and 1");
        problems.require(config.maxScanChars() > 0, "maxScanChars", "must be > 0");
        config.routes().forEach((prefix, format) -> {
            problems.require(prefix.startsWith("/"), "routes." + prefix, "must be a path prefix starting with /");
            problems.require(LlmFormat.parse(format).filter(f -> f != LlmFormat.UNKNOWN).isPresent(), "routes." + prefix,
                    "unknown format '" + format + "'");
        });
    }

    @Override
    public Stage create(PromptStageConfig config, StageContext context) throws IOException {
        PromptModel model;
        if (config.model().isEmpty()) {
            model = PromptModel.loadDefault();
        } else {
            try (InputStream in = Files.newInputStream(context.resolve(config.model()))) {
                model = PromptModel.read(in);
            }
        }
        Map<String, LlmFormat> routes = new LinkedHashMap<>();
        config.routes().forEach((prefix, format) -> routes.put(prefix, LlmFormat.parse(format).orElseThrow()));
        return new PromptStage(context.name(), config, new PromptDetector(model), LlmPayloads.viewWithRoutes(routes));
    }
}
