package dev.aiguard.cli;

import dev.aiguard.api.Block;
import dev.aiguard.api.ConfigProblems;
import dev.aiguard.api.Finding;
import dev.aiguard.api.Severity;
import dev.aiguard.api.Stage;
import dev.aiguard.api.StageContext;
import dev.aiguard.api.StageFactory;
import dev.aiguard.api.StageOutcome;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Test stage {@code type: refuse}: refuses requests that carry a header, with a configured status, reason,
 * {@code Retry-After} and response header (the way identity and rate-limit stages answer 401 and 429).
 */
public final class RefuseStageFactory implements StageFactory<RefuseStageFactory.Config> {

    /**
     * @param header      the request header that triggers the refusal
     * @param status      the status to answer
     * @param reason      the reason code
     * @param retryAfter  Retry-After, or null
     * @param challenge   a WWW-Authenticate value, or null
     */
    public record Config(String header, Integer status, String reason, Duration retryAfter, String challenge) {
    }

    @Override
    public String type() {
        return "refuse";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public void validate(Config config, ConfigProblems problems) {
        problems.require(config.header() != null, "header", "must be set");
        problems.require(config.status() != null && config.status() >= 400 && config.status() <= 599, "status", "must be 4xx or 5xx");
        problems.require(config.reason() != null, "reason", "must be set");
    }

    @Override
    public Stage create(Config config, StageContext context) {
        Map<String, String> headers = config.challenge() == null ? Map.of() : Map.of("WWW-Authenticate", config.challenge());
        Block block = new Block(config.status(), 8, config.reason(), List.of("refuse." + config.reason()),
                config.retryAfter(), headers);
        return exchange -> {
            if (!exchange.request().headers().contains(config.header())) {
                return StageOutcome.pass();
            }
            Finding finding = Finding.of(context.name(), "refuse." + config.reason(), Severity.MEDIUM,
                    "request carries " + config.header());
            return StageOutcome.block(block, List.of(finding));
        };
    }
}
