package dev.aiguard.api.internal.events;

import dev.aiguard.api.EventType;
import dev.aiguard.api.Finding;
import dev.aiguard.api.Mode;
import dev.aiguard.api.Principal;
import dev.aiguard.api.SecurityEvent;
import dev.aiguard.api.Severity;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Security events of each type, for sink and mapper tests. */
final class SampleEvents {

    static final Instant TIME = Instant.parse("2026-11-23T08:00:00.123Z");
    static final Principal ALICE = new Principal("alice", "acme", Set.of("ops", "dev"), "pro", Map.of());
    static final Finding SQLI = new Finding("waf", "942100", Severity.CRITICAL, "SQL injection", "ARGS:q",
            "1' or 1=1--", 5, List.of("attack-sqli"));

    private SampleEvents() {
    }

    static SecurityEvent request(EventType type, String method, int status) {
        boolean blocked = type == EventType.REQUEST_BLOCKED;
        return new SecurityEvent(TIME, type, "req-1", "v7", method, "/v1/chat/completions", "203.0.113.9", ALICE,
                Mode.ENFORCE, status, blocked ? "waf.anomaly_score" : "allowed", blocked ? "waf" : null,
                blocked ? List.of("942100") : List.of(), List.of(SQLI), Map.of("tokens.reserved", 512L), 1_234_567,
                blocked ? "blocked by waf: waf.anomaly_score" : "allowed");
    }

    static SecurityEvent blocked() {
        return request(EventType.REQUEST_BLOCKED, "POST", 403);
    }

    static SecurityEvent stageFailure(int status) {
        Finding f = Finding.of("prompt", "aiguard.stage.error", Severity.HIGH, "stage 'prompt' failed: IOException");
        return new SecurityEvent(TIME, EventType.STAGE_FAILURE, "req-2", "v7", "POST", "/v1/embeddings", "10.0.0.1",
                Principal.anonymous(), Mode.ENFORCE, status, "aiguard.stage.error", "prompt",
                List.of("aiguard.stage.error"), List.of(f), Map.of(), 5_000, f.message());
    }

    static SecurityEvent egress(EventType type) {
        Finding f = new Finding("egress", "egress.cloud_metadata", Severity.CRITICAL, "cloud metadata endpoint",
                "caller:Example.java:12", "http://169.254.169.254/latest", 0, List.of("ssrf"));
        return new SecurityEvent(TIME, type, null, null, null, null, null, null, Mode.ENFORCE, 0,
                "egress.cloud_metadata", "egress", List.of("egress.cloud_metadata"), List.of(f), Map.of(), 1_000,
                "egress denied http://169.254.169.254/latest");
    }

    static SecurityEvent policy(EventType type) {
        return new SecurityEvent(TIME, type, null, "v8", null, null, null, null, Mode.MONITOR, 0,
                type.name().toLowerCase(java.util.Locale.ROOT), null, List.of(), List.of(), Map.of(), -1,
                "policy v8 loaded (was v7)");
    }
}
