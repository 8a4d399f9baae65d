package dev.aiguard.api.internal.events;

import java.time.Duration;

/**
 * Configuration of the {@code flowlog} event sink.
 *
 * @param path          the JSON Lines file summaries are appended to; relative paths resolve against the policy's
 *                      directory
 * @param window        length of one summary window; windows are aligned to the epoch (a 1m window starts on the
 *                      minute). Default 1m
 * @param topN          identities listed per window by tokens charged, and again by requests blocked. Default 20
 * @param maxIdentities identities counted on their own per window; later ones count towards {@code other}.
 *                      Default 10000
 */
public record FlowLogConfig(String path, Duration window, Integer topN, Integer maxIdentities) {

    /** Default window. */
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);

    public FlowLogConfig {
        window = window == null ? DEFAULT_WINDOW : window;
        topN = topN == null ? 20 : topN;
        maxIdentities = maxIdentities == null ? 10_000 : maxIdentities;
    }
}
