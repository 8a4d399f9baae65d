package dev.aiguard.cli.internal.serve;

import dev.aiguard.api.Exchange;
import dev.aiguard.api.Usage;

/** Told about every request the {@link GuardHandler} finished (the console counts them). Must not throw. */
@FunctionalInterface
public interface RequestListener {

    /** Ignores everything. */
    RequestListener NONE = (exchange, status, usage) -> { };

    /**
     * @param exchange the finished exchange (its verdict says whether it was blocked or would have been)
     * @param status   the HTTP status answered (0 when nothing was sent)
     * @param usage    the tokens the model reported
     */
    void finished(Exchange exchange, int status, Usage usage);
}
