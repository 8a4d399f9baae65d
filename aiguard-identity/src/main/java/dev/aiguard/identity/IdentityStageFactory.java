package dev.aiguard.identity;

import dev.aiguard.api.ConfigProblems;
import dev.aiguard.api.Stage;
import dev.aiguard.api.StageContext;
import dev.aiguard.api.StageFactory;
import dev.aiguard.identity.internal.IdentityStages;

import java.time.Clock;

/**
 * The {@code type: identity} stage: who is calling (API key, JWT, mTLS peer or anonymous) and what they may call.
 * Registered for {@link java.util.ServiceLoader}; see {@code docs/identity.md} for the policy keys.
 */
public final class IdentityStageFactory implements StageFactory<IdentityConfig> {

    /** The policy {@code type}. */
    public static final String TYPE = "identity";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Class<IdentityConfig> configType() {
        return IdentityConfig.class;
    }

    @Override
    public void validate(IdentityConfig config, ConfigProblems problems) {
        IdentityStages.validate(config, problems);
    }

    @Override
    public Stage create(IdentityConfig config, StageContext context) throws Exception {
        return IdentityStages.create(config, context, Clock.systemUTC());
    }
}
