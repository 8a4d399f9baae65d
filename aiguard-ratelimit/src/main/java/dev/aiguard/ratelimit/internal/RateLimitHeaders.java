package dev.aiguard.ratelimit.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The IETF {@code RateLimit} and {@code RateLimit-Policy} response fields (draft-ietf-httpapi-ratelimit-headers,
 * structured-field lists: {@code "name";q=quota;w=window} and {@code "name";r=remaining;t=reset-seconds}).
 */
public final class RateLimitHeaders {

    private RateLimitHeaders() {
    }

    /** Headers for a refusal by {@code limitName}'s bucket with {@code remaining} units left. */
    public static Map<String, String> of(String policy, String limitName, long remaining, Duration retryAfter) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (policy != null && !policy.isEmpty()) {
            headers.put("RateLimit-Policy", policy);
        }
        StringBuilder value = new StringBuilder().append('"').append(limitName).append("\";r=")
                .append(Math.max(0, remaining));
        if (retryAfter != null) {
            value.append(";t=").append(retryAfter.toSeconds());
        }
        headers.put("RateLimit", value.toString());
        return headers;
    }

    /** Whole seconds to wait, rounded up (at least 1), or {@code null} when waiting cannot help. */
    public static Duration retryAfter(long nanosToWait) {
        if (nanosToWait == Long.MAX_VALUE || nanosToWait < 0) {
            return null;
        }
        long seconds = Math.max(1, (nanosToWait + 999_999_999L) / 1_000_000_000L);
        return Duration.ofSeconds(seconds);
    }
}
