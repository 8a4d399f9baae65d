package dev.aiguard.output.internal.detect;

import java.util.List;

/**
 * Finds one kind of sensitive data in text. Implementations validate candidates (checksums, entropy, invalid ranges)
 * so that look-alikes do not trigger. Stateless and thread-safe.
 */
public interface Detector {

    /** Rule id used in findings, e.g. {@code secret.aws_access_key}. */
    String id();

    /** {@code secret}, {@code pii} or {@code leak}. */
    String kind();

    /** The policy name of the detector, e.g. {@code aws_access_key}. */
    default String name() {
        return id().substring(id().indexOf('.') + 1);
    }

    /** Adds every validated match in {@code text} to {@code out}. */
    default void find(CharSequence text, List<Match> out) {
        find(text, 0, text.length(), out);
    }

    /**
     * Adds every validated match that starts in [from, to) to {@code out}; the whole text is visible (for what comes
     * before and after a match).
     */
    void find(CharSequence text, int from, int to, List<Match> out);

    /** What a rewritten match becomes. Default: {@code [REDACTED:<name>]}. */
    default String replacement(String matched) {
        return "[REDACTED:" + name() + "]";
    }

    /** Whether matches are findings (a detection) rather than bookkeeping (restoring vaulted values). */
    default boolean reports() {
        return true;
    }

    /**
     * How far a match can continue beyond the visible text when it touches its end: {@link Continuation#NONE},
     * {@link Continuation#TOKEN} (token characters) or {@link Continuation#PEM} (everything up to an END line).
     */
    default Continuation continuation() {
        return Continuation.NONE;
    }

    /** How a match cut by the end of the visible text goes on. */
    enum Continuation { NONE, TOKEN, PEM }
}
