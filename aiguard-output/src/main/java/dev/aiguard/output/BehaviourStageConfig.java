package dev.aiguard.output;

import java.time.Duration;

/**
 * Configuration of the {@code type: behaviour} stage. Every key is optional.
 *
 * <pre>
 * - type: behaviour
 *   window: 10m            # sliding window the signals look at
 *   maxIdentities: 10000   # identities tracked at once (least recently seen dropped first)
 *   flag: 0.5              # score from which a finding is reported
 *   throttle: 0.7          # score from which requests are throttled
 *   block: 0.9             # score from which requests get 403
 *   minRequests: 4         # requests in the window before any signal counts
 *   throttleAction: ratelimit  # ratelimit: the rate-limit stage charges throttleFactor x; refuse: 429 here
 *   throttleFactor: 4      # cost multiplier of a throttled request (1..1000)
 * </pre>
 *
 * @param window        sliding window
 * @param maxIdentities identities tracked at once
 * @param flag          flag threshold (0..1 score)
 * @param throttle      throttle threshold
 * @param block         block threshold
 * @param minRequests   requests in the window before signals count
 * @param throttleAction {@code ratelimit} (default): a throttled request goes on, charged {@code throttleFactor}
 *                      times by the rate-limit stage (which must come after this one); {@code refuse}: 429 here
 * @param throttleFactor cost multiplier of a throttled request
 */
public record BehaviourStageConfig(Duration window, Integer maxIdentities, Double flag, Double throttle, Double block,
                                   Integer minRequests, String throttleAction, Double throttleFactor) {

    /** {@code throttleAction} that feeds the rate-limit stage. */
    public static final String THROTTLE_RATELIMIT = "ratelimit";
    /** {@code throttleAction} that answers 429 in the behaviour stage itself. */
    public static final String THROTTLE_REFUSE = "refuse";

    public BehaviourStageConfig {
        window = window == null ? Duration.ofMinutes(10) : window;
        maxIdentities = maxIdentities == null ? 10_000 : maxIdentities;
        flag = flag == null ? 0.5 : flag;
        throttle = throttle == null ? 0.7 : throttle;
        block = block == null ? 0.9 : block;
        minRequests = minRequests == null ? 4 : minRequests;
        throttleAction = throttleAction == null ? THROTTLE_RATELIMIT : throttleAction;
        throttleFactor = throttleFactor == null ? 4.0 : throttleFactor;
    }

    /** The config before {@code throttleAction} and {@code throttleFactor} existed (both default). */
    public BehaviourStageConfig(Duration window, Integer maxIdentities, Double flag, Double throttle, Double block,
                                Integer minRequests) {
        this(window, maxIdentities, flag, throttle, block, minRequests, null, null);
    }

    /** Whether a throttled request is handed to the rate-limit stage rather than refused here. */
    public boolean throttleByRateLimit() {
        return THROTTLE_RATELIMIT.equalsIgnoreCase(throttleAction);
    }

    /** All defaults. */
    public static BehaviourStageConfig defaults() {
        return new BehaviourStageConfig(null, null, null, null, null, null, null, null);
    }
}
