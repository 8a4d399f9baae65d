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
 *   throttle: 0.7          # score from which requests get 429 with Retry-After
 *   block: 0.9             # score from which requests get 403
 *   minRequests: 4         # requests in the window before any signal counts
 * </pre>
 *
 * @param window        sliding window
 * @param maxIdentities identities tracked at once
 * @param flag          flag threshold (0..1 score)
 * @param throttle      throttle threshold
 * @param block         block threshold
 * @param minRequests   requests in the window before signals count
 */
public record BehaviourStageConfig(Duration window, Integer maxIdentities, Double flag, Double throttle, Double block,
                                   Integer minRequests) {

    public BehaviourStageConfig {
        window = window == null ? Duration.ofMinutes(10) : window;
        maxIdentities = maxIdentities == null ? 10_000 : maxIdentities;
        flag = flag == null ? 0.5 : flag;
        throttle = throttle == null ? 0.7 : throttle;
        block = block == null ? 0.9 : block;
        minRequests = minRequests == null ? 4 : minRequests;
    }

    /** All defaults. */
    public static BehaviourStageConfig defaults() {
        return new BehaviourStageConfig(null, null, null, null, null, null);
    }
}
