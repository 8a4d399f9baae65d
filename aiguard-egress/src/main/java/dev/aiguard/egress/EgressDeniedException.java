package dev.aiguard.egress;

import java.io.IOException;

/** Thrown by the guarded client and the guarded resolution path when policy (in enforce mode) denies a destination. */
public final class EgressDeniedException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient EgressDecision decision;

    public EgressDeniedException(EgressDecision decision) {
        super("egress denied (" + decision.reason().code() + "): " + decision.detail());
        this.decision = decision;
    }

    /** The decision that denied the call. */
    public EgressDecision decision() {
        return decision;
    }
}
