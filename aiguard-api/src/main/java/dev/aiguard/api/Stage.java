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
     * Pays one-off costs (class loading, lazily built matchers, scratch space, a cold JIT) before the first real
     * request does, so it is not the one that overruns the stage's budget. The guard calls it a few times when it
     * starts running a configuration, with {@code sample}, a synthetic chat-completion request that no adapter sent,
     * and ignores the outcome and any exception. Implementations must leave nothing behind that a later request could
     * see: no budget charged, no state recorded, no events. Default: nothing.
     */
    default void warmUp(Exchange sample) throws Exception {
    }

    /**
     * Post-response work (usage reconciliation, output checks, releasing slots). Called once for every exchange whose
     * {@link #inspect} ran, when the adapter calls {@link Guard#complete}. Default: nothing.
     */
    default void complete(Exchange exchange, ResponseInfo response) throws Exception {
    }
}
