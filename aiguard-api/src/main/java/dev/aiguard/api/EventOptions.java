package dev.aiguard.api;

/**
 * What the guard records in security events.
 *
 * @param sampleAllowed  share of allowed requests (no finding would block) that produce an event, 0.0 to 1.0; default 0
 * @param excerptLength  matched excerpts are cut to this many characters; default 64
 * @param logPrompts     whether prompt text may appear in events; default false
 */
public record EventOptions(double sampleAllowed, int excerptLength, boolean logPrompts) {

    /** The defaults: no allowed-request events, 64-char excerpts, no prompts. */
    public static final EventOptions DEFAULTS = new EventOptions(0.0, 64, false);

    public EventOptions {
        if (!(sampleAllowed >= 0.0 && sampleAllowed <= 1.0)) {
            throw new IllegalArgumentException("sampleAllowed must be between 0 and 1");
        }
        if (excerptLength < 0) {
            throw new IllegalArgumentException("excerptLength must be >= 0");
        }
    }
}
