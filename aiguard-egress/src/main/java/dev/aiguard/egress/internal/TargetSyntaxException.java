package dev.aiguard.egress.internal;

/** A URL or host that cannot be turned into one unambiguous destination. Always caught and turned into a denial. */
public final class TargetSyntaxException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TargetSyntaxException(String message) {
        super(message, null, false, false);
    }
}
