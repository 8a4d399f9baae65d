package dev.aiguard.api.policy;

import dev.aiguard.api.Exchange;
import dev.aiguard.api.Finding;
import dev.aiguard.api.ResponseInfo;
import dev.aiguard.api.Severity;
import dev.aiguard.api.Stage;
import dev.aiguard.api.StageContext;
import dev.aiguard.api.StageFactory;
import dev.aiguard.api.StageOutcome;

import java.util.List;

/**
 * Test stage type {@code stamp}: every inspection yields one finding whose message is the policy version the stage was
 * built for, so a test can tell which policy each stage of a request ran with; {@code complete} checks the exchange's
 * policy version against it.
 */
public final class StampStageFactory implements StageFactory<StampStageFactory.Config> {

    /** Rule id of the stamp finding. */
    public static final String RULE = "stamp";

    /**
     * @param label         free text, to make policy versions differ
     * @param failOnCreate  makes {@link #create} throw, to test build failures
     */
    public record Config(String label, boolean failOnCreate) {
    }

    @Override
    public String type() {
        return "stamp";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Stage create(Config config, StageContext context) {
        if (config.failOnCreate()) {
            throw new IllegalStateException("refusing to start");
        }
        String version = context.policyVersion();
        List<Finding> stamp = List.of(Finding.of(context.name(), RULE, Severity.INFO, version));
        return new Stage() {
            @Override
            public StageOutcome inspect(Exchange exchange) {
                return StageOutcome.pass(stamp);
            }

            /** Completion must run on the policy the request started with; a mismatch becomes a stage-failure event. */
            @Override
            public void complete(Exchange exchange, ResponseInfo response) {
                if (!version.equals(exchange.policyVersion())) {
                    throw new IllegalStateException("built for " + version + ", completing " + exchange.policyVersion());
                }
            }
        };
    }
}
