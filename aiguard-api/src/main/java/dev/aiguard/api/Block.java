package dev.aiguard.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A stage's decision to stop a request, and how adapters should answer it.
 *
 * @param httpStatus      HTTP status to answer with (401, 403, 413, 429, 503, ...)
 * @param grpcStatus      gRPC status code number (16 UNAUTHENTICATED, 7 PERMISSION_DENIED, 8 RESOURCE_EXHAUSTED,
 *                        3 INVALID_ARGUMENT, 14 UNAVAILABLE)
 * @param reason          machine-readable reason code, e.g. {@code waf.anomaly_score}, {@code budget.tokens}
 * @param ruleIds         the rules that caused the block; per-rule modes are applied to these
 * @param retryAfter      for 429/503, when to retry; {@code null} if not applicable
 * @param responseHeaders extra headers to send (e.g. {@code WWW-Authenticate}); never secrets
 */
public record Block(int httpStatus, int grpcStatus, String reason, List<String> ruleIds, Duration retryAfter,
                    Map<String, String> responseHeaders) {

    public Block {
        if (httpStatus < 400 || httpStatus > 599) {
            throw new IllegalArgumentException("a block needs a 4xx or 5xx status, got " + httpStatus);
        }
        Objects.requireNonNull(reason, "reason");
        ruleIds = List.copyOf(ruleIds);
        responseHeaders = Map.copyOf(responseHeaders);
    }

    /** 403 / PERMISSION_DENIED. */
    public static Block forbidden(String reason, List<String> ruleIds) {
        return new Block(403, 7, reason, ruleIds, null, Map.of());
    }

    /** 401 / UNAUTHENTICATED with a {@code WWW-Authenticate} challenge. */
    public static Block unauthorized(String reason, String wwwAuthenticate) {
        return new Block(401, 16, reason, List.of(), null, Map.of("WWW-Authenticate", wwwAuthenticate));
    }

    /** 429 / RESOURCE_EXHAUSTED with {@code Retry-After}. */
    public static Block tooManyRequests(String reason, List<String> ruleIds, Duration retryAfter) {
        return new Block(429, 8, reason, ruleIds, retryAfter, Map.of());
    }

    /** 413 / RESOURCE_EXHAUSTED. */
    public static Block payloadTooLarge(String reason) {
        return new Block(413, 8, reason, List.of(), null, Map.of());
    }

    /** 400 / INVALID_ARGUMENT. */
    public static Block badRequest(String reason, List<String> ruleIds) {
        return new Block(400, 3, reason, ruleIds, null, Map.of());
    }

    /** 503 / UNAVAILABLE: the guard could not decide and the policy says fail closed. */
    public static Block unavailable(String reason) {
        return new Block(503, 14, reason, List.of(), null, Map.of());
    }
}
