package dev.aiguard.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One security-relevant fact, schema-neutral. Sinks map it to the published schema (OCSF, see {@code docs/events.md}).
 * It never holds credentials, cookies or (unless the policy allows) prompt text: the guard builds it from redacted data.
 *
 * @param time          when it happened
 * @param type          what happened
 * @param requestId     the request, or {@code null} for policy events
 * @param policyVersion policy version in force
 * @param method        HTTP method, or {@code null}
 * @param path          request path without query, or {@code null}
 * @param remoteAddress client address, or {@code null}
 * @param principal     who called, or {@code null} for policy events
 * @param mode          guard mode in force
 * @param httpStatus    status answered (200 allowed), 0 when not a request event
 * @param reason        reason code ({@code allowed}, {@code waf.anomaly_score}, {@code stage.error}...)
 * @param blockingStage stage that blocked, or {@code null}
 * @param ruleIds       rules that caused the block
 * @param findings      findings, with excerpts already bounded and redacted
 * @param cost          cost figures (e.g. {@code tokens.reserved}); empty when none
 * @param latencyNanos  time spent in the guard, or -1
 * @param message       human-readable summary (no secrets)
 */
public record SecurityEvent(Instant time, EventType type, String requestId, String policyVersion, String method,
                            String path, String remoteAddress, Principal principal, Mode mode, int httpStatus,
                            String reason, String blockingStage, List<String> ruleIds, List<Finding> findings,
                            Map<String, Long> cost, long latencyNanos, String message) {

    public SecurityEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(type, "type");
        ruleIds = List.copyOf(ruleIds);
        findings = List.copyOf(findings);
        cost = Map.copyOf(cost);
        message = message == null ? "" : message;
    }
}
