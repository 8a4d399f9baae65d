package dev.aiguard.api;

import java.util.Map;

/**
 * One step of the guard pipeline (identity, WAF, prompt inspection, budgets...). Implementations are created once per
 * policy by a {@link StageFactory} and called concurrently from many threads: they must be thread-safe and keep
 * per-request state in the {@link Exchange}.
 *
 * <p>A stage may throw; the guard turns the exception into a finding and an event and applies the stage's
 * {@code failOpen} switch. Exceptions never reach the host service.
 */
public interface Stage {

    /**
     * Facts about the built stage for health endpoints and metrics, e.g. {@code regex.engine = hyperscan}. Keys are
     * dotted lower-case names; the set is small and fixed per stage. Default: none.
     */
    default Map<String, String> describe() {
        return Map.of();
    }

    /** Inspects a request before the model runs. */
    StageOutcome inspect(Exchange exchange) throws Exception;

    /**
     * Post-response work (usage reconciliation, output checks, releasing slots). Called once for every exchange whose
     * {@link #inspect} ran, when the adapter calls {@link Guard#complete}. Default: nothing.
     */
    default void complete(Exchange exchange, ResponseInfo response) throws Exception {
    }
}
