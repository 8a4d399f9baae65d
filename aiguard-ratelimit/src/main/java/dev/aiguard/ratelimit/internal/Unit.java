package dev.aiguard.ratelimit.internal;

import java.util.Locale;

/** What a budget counts. */
public enum Unit {
    TOKENS, REQUESTS, COST;

    /** The amount of this unit one request takes. */
    public long amount(CostEstimate estimate) {
        return switch (this) {
            case TOKENS -> estimate.totalTokens();
            case REQUESTS -> 1;
            case COST -> estimate.cost();
        };
    }

    /** The unit named in a policy, or {@code null}. */
    public static Unit parse(String name) {
        for (Unit u : values()) {
            if (u.name().toLowerCase(Locale.ROOT).equals(name)) {
                return u;
            }
        }
        return null;
    }

    /** The policy spelling. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
