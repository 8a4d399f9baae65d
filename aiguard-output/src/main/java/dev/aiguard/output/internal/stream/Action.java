package dev.aiguard.output.internal.stream;

import java.util.Locale;
import java.util.Optional;

/** What happens when a detector matches in a response. */
public enum Action {
    /** Stop the response (the matched span is redacted in anything still forwarded). */
    BLOCK,
    /** Rewrite the span to {@code [REDACTED:<detector>]}. */
    REDACT,
    /** Report only. */
    FLAG;

    /** Parses the policy spelling. */
    public static Optional<Action> parse(String s) {
        for (Action a : values()) {
            if (a.name().equalsIgnoreCase(s)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    public String policyName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
