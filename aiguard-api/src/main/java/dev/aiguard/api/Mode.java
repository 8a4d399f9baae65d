package dev.aiguard.api;

import java.util.Locale;

/**
 * How a guard, a stage or a single rule acts on what it detects.
 *
 * <p>The most specific setting wins: a rule's mode overrides its stage's, which overrides the guard's.
 */
public enum Mode {
    /** Detections block the request. */
    ENFORCE,
    /** Detections are recorded as "would block" and the request goes through (staged roll-out). */
    MONITOR,
    /** The guard, stage or rule does nothing. */
    OFF;

    /** The policy spelling: {@code enforce}, {@code monitor} or {@code off}. */
    public String policyName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses the policy spelling (case-insensitive).
     *
     * @throws IllegalArgumentException for anything else
     */
    public static Mode parse(String text) {
        for (Mode mode : values()) {
            if (mode.policyName().equalsIgnoreCase(text)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown mode '" + text + "' (expected enforce, monitor or off)");
    }
}
