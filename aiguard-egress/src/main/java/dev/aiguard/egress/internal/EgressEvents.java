package dev.aiguard.egress.internal;

import dev.aiguard.api.EventType;
import dev.aiguard.api.Finding;
import dev.aiguard.api.SecurityEvent;
import dev.aiguard.api.Severity;
import dev.aiguard.egress.EgressDecision;
import dev.aiguard.egress.EgressReason;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builds the security event for a denied or would-deny outbound call. */
public final class EgressEvents {

    /** Stage name used in events and findings. */
    public static final String STAGE = "egress";

    private EgressEvents() {
    }

    /**
     * @param decision   the decision (denied, or allowed with a violation in monitor mode)
     * @param destination redacted destination ({@code scheme://host:port/path}, no user info or query)
     * @param caller     calling code location
     */
    public static SecurityEvent of(EgressDecision decision, String destination, String caller, long latencyNanos) {
        EventType type = decision.allowed() ? EventType.EGRESS_WOULD_DENY : EventType.EGRESS_DENIED;
        String ruleId = STAGE + "." + decision.reason().code();
        Severity severity = decision.reason() == EgressReason.CLOUD_METADATA ? Severity.CRITICAL : Severity.HIGH;
        Finding finding = new Finding(STAGE, ruleId, severity, decision.detail(), "caller:" + caller, destination, 0,
                List.of("ssrf", decision.reason().code()));
        String verb = decision.allowed() ? "would deny" : "denied";
        return new SecurityEvent(Instant.now(), type, null, null, null, null, null, null, decision.mode(), 0, ruleId,
                STAGE, List.of(ruleId), List.of(finding), Map.of(), latencyNanos,
                "egress " + verb + " " + destination + " (" + decision.reason().code() + ": " + decision.detail()
                        + ") from " + caller);
    }
}
