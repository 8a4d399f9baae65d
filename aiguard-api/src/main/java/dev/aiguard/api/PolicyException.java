package dev.aiguard.api;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A policy could not be loaded or built. Carries every problem found, not only the first; the message lists them one
 * per line in {@link PolicyError#toString()} form.
 */
public final class PolicyException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<PolicyError> errors;

    /** An exception for {@code errors} (at least one). */
    public PolicyException(List<PolicyError> errors) {
        super(format(errors));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a policy exception needs at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    /** Every problem, ordered by file, line and column. */
    public List<PolicyError> errors() {
        return errors;
    }

    private static String format(List<PolicyError> errors) {
        return errors.stream().map(PolicyError::toString).collect(Collectors.joining("\n"));
    }
}
