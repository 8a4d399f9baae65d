package dev.aiguard.api;

import java.util.Objects;

/**
 * A stage's request that this exchange's caller be slowed down rather than refused: the rate-limit stage charges
 * every budget {@code costFactor} times the exchange's cost (a throttled identity's request counts as four, say), so
 * the caller runs out of budget sooner and gets the rate-limit stage's own 429 with its {@code Retry-After} and
 * {@code RateLimit} headers. Set with {@link Exchange#requestThrottle}, by a stage that runs before the rate-limit
 * stage (the {@code behaviour} stage does, above its {@code throttle} threshold).
 *
 * @param costFactor multiplier of the cost charged to every budget, 1 to 1000
 * @param stage      name of the stage asking
 * @param reason     reason code, e.g. {@code behaviour.throttle}
 */
public record Throttle(double costFactor, String stage, String reason) {

    /** Largest factor: beyond it a throttle is a block and should be one. */
    public static final double MAX_FACTOR = 1000;

    public Throttle {
        if (!(costFactor >= 1 && costFactor <= MAX_FACTOR)) {
            throw new IllegalArgumentException("costFactor must be in [1, " + MAX_FACTOR + "], got " + costFactor);
        }
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(reason, "reason");
    }

    /** {@code amount} units scaled by the factor, rounded up (a throttled request never costs less). */
    public long scale(long amount) {
        if (amount <= 0) {
            return amount;
        }
        double scaled = Math.ceil(amount * costFactor);
        return scaled >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) scaled;
    }
}
