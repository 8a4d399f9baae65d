package dev.aiguard.api.internal;

import dev.aiguard.api.EventType;
import dev.aiguard.api.Exchange;
import dev.aiguard.api.Finding;
import dev.aiguard.api.GuardConfig;
import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.ResponseInfo;
import dev.aiguard.api.SecurityEvent;
import dev.aiguard.api.Verdict;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds {@link SecurityEvent}s from exchanges, applying the event options' redaction. */
public final class EventFactory {

    private EventFactory() {
    }

    /** The event for a finished inspection (blocked, would-block) or a completed, sampled allowed request. */
    public static SecurityEvent requestEvent(GuardConfig config, Exchange exchange, Verdict verdict, ResponseInfo response) {
        EventType type = verdict.blocked() ? EventType.REQUEST_BLOCKED
                : verdict.wouldBlock() ? EventType.REQUEST_WOULD_BLOCK : EventType.REQUEST_ALLOWED;
        GuardRequest request = exchange.request();
        int status = verdict.blocked() ? verdict.httpStatus() : response != null ? response.status() : 200;
        return new SecurityEvent(Instant.now(), type, exchange.requestId(), config.version(), request.method(),
                request.path(), address(request.remoteAddress()), exchange.principal(), config.mode(), status,
                verdict.reason(), verdict.blockingStage(), verdict.ruleIds(),
                redact(verdict.findings(), config.events().excerptLength()), Map.of(),
                System.nanoTime() - exchange.startNanos(), summary(type, verdict));
    }

    /** The event for a stage that threw or overran. */
    public static SecurityEvent stageFailure(GuardConfig config, Exchange exchange, String stage, Finding finding) {
        GuardRequest request = exchange.request();
        return new SecurityEvent(Instant.now(), EventType.STAGE_FAILURE, exchange.requestId(), config.version(),
                request.method(), request.path(), address(request.remoteAddress()), exchange.principal(),
                config.mode(), 0, finding.ruleId(), stage, List.of(finding.ruleId()),
                List.of(finding), Map.of(), System.nanoTime() - exchange.startNanos(), finding.message());
    }

    /** A policy lifecycle event. */
    public static SecurityEvent policyEvent(GuardConfig config, EventType type, String message) {
        return new SecurityEvent(Instant.now(), type, null, config.version(), null, null, null, null, config.mode(),
                0, type.name().toLowerCase(java.util.Locale.ROOT), null, List.of(), List.of(), Map.of(), -1, message);
    }

    /** Deterministic sampling by request id, so a replay samples the same requests. */
    public static boolean sampled(String requestId, double rate) {
        if (rate <= 0.0) {
            return false;
        }
        if (rate >= 1.0) {
            return true;
        }
        int bucket = (requestId.hashCode() * 0x9E3779B9) >>> 16;
        return bucket < rate * 65536.0;
    }

    private static List<Finding> redact(List<Finding> findings, int excerptLength) {
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            String excerpt = Redaction.excerpt(f.excerpt(), excerptLength);
            out.add(excerpt.equals(f.excerpt()) ? f
                    : new Finding(f.stage(), f.ruleId(), f.severity(), f.message(), f.target(), excerpt, f.score(), f.tags()));
        }
        return out;
    }

    private static String address(InetSocketAddress address) {
        return address == null ? null : address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
    }

    private static String summary(EventType type, Verdict verdict) {
        return switch (type) {
            case REQUEST_BLOCKED -> "blocked by " + verdict.blockingStage() + ": " + verdict.reason();
            case REQUEST_WOULD_BLOCK -> "would block (monitor mode)";
            default -> "allowed";
        };
    }
}
