package dev.aiguard.ratelimit;

import dev.aiguard.api.ConfigProblems;
import dev.aiguard.api.Stage;
import dev.aiguard.api.StageContext;
import dev.aiguard.api.StageFactory;
import dev.aiguard.llm.TokenCounter;
import dev.aiguard.ratelimit.internal.RateLimitStages;
import dev.aiguard.ratelimit.internal.RedisLinks;
import io.github.bucket4j.TimeMeter;

/**
 * The {@code type: ratelimit} stage: cost-weighted budgets reserved at admission and reconciled at completion,
 * in-flight slots and request caps. Registered for {@link java.util.ServiceLoader}; see {@code docs/ratelimit.md}.
 */
public final class RateLimitStageFactory implements StageFactory<RateLimitConfig> {

    /** The policy {@code type}. */
    public static final String TYPE = "ratelimit";

    /** Shared by the stages this factory builds, so that a reload does not load token encodings again. */
    private final TokenCounter counter = TokenCounter.create();
    /** Redis connections reused by the stages of successive policy loads (replaced stages are not closed). */
    private final RedisLinks links = new RedisLinks();

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Class<RateLimitConfig> configType() {
        return RateLimitConfig.class;
    }

    @Override
    public void validate(RateLimitConfig config, ConfigProblems problems) {
        RateLimitStages.validate(config, problems);
    }

    @Override
    public Stage create(RateLimitConfig config, StageContext context) {
        // The load time orders configurations across reloads (and across instances loading the same policy).
        return RateLimitStages.create(config, context, TimeMeter.SYSTEM_NANOTIME, System.currentTimeMillis(),
                counter, links);
    }
}
