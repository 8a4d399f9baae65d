package dev.aiguard.api.internal;

import dev.aiguard.api.Block;
import dev.aiguard.api.EventOptions;
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
import java.util.Locale;
import java.util.Map;

/**
 * Builds {@link SecurityEvent}s from exchanges, applying the event options' redaction: excerpts are masked and bounded,
 * prompt excerpts dropped unless allowed, excerpts of credential targets dropped, and the request's own credential
 * values (headers, cookies, key-like query and form values) masked wherever they appear.
 */
public final class EventFactory {

    /** Longest finding message kept in an event. */
    static final int MAX_MESSAGE = 512;

    private EventFactory() {
    }

    /** The event for a finished inspection (blocked, would-block) or a completed, sampled allowed request. */
    public static SecurityEvent requestEvent(GuardConfig config, Exchange exchange, Verdict verdict, ResponseInfo response) {
        EventType type = verdict.blocked() ? EventType.REQUEST_BLOCKED
                : verdict.wouldBlock() ? EventType.REQUEST_WOULD_BLOCK : EventType.REQUEST_ALLOWED;
        GuardRequest request = exchange.request();
        List<String> secrets = Redaction.requestSecrets(request);
        int status = verdict.blocked() ? verdict.httpStatus() : response != null ? response.status() : 200;
        return new SecurityEvent(Instant.now(), type, exchange.requestId(), config.version(), request.method(),
                Redaction.mask(request.path(), secrets), address(request.remoteAddress()), exchange.principal(),
                config.mode(), status, verdict.reason(), verdict.blockingStage(), verdict.ruleIds(),
                redact(verdict.findings(), config.events(), secrets), exchange.costs(),
                System.nanoTime() - exchange.startNanos(), summary(type, verdict));
    }

    /**
     * The event for a stage that threw or overran.
     *
     * @param httpStatus the status the request is answered with because of the failure (503 when the stage fails
     *                   closed), or 0 when the failure lets the request continue
     */
    public static SecurityEvent stageFailure(GuardConfig config, Exchange exchange, String stage, Finding finding,
                                             int httpStatus) {
        GuardRequest request = exchange.request();
        List<String> secrets = Redaction.requestSecrets(request);
        return new SecurityEvent(Instant.now(), EventType.STAGE_FAILURE, exchange.requestId(), config.version(),
                request.method(), Redaction.mask(request.path(), secrets), address(request.remoteAddress()),
                exchange.principal(), config.mode(), httpStatus, finding.ruleId(), stage, List.of(finding.ruleId()),
                redact(List.of(finding), config.events(), secrets), Map.of(),
                System.nanoTime() - exchange.startNanos(), message(finding.message(), secrets));
    }

    /**
     * The event for a response an output stage blocked, redacted or flagged. Findings are redacted as for request
     * events; the message names the rules, never the matched data.
     */
    public static SecurityEvent responseEvent(GuardConfig config, Exchange exchange, EventType type,
                                              List<Finding> findings, Block block, String blockingStage) {
        GuardRequest request = exchange.request();
        List<String> secrets = Redaction.requestSecrets(request);
        List<String> rules = new ArrayList<>();
        for (Finding f : findings) {
            if (!rules.contains(f.ruleId()) && rules.size() < 16) {
                rules.add(f.ruleId());
            }
        }
        String reason = block != null ? block.reason() : type == EventType.RESPONSE_REDACTED ? "output.redacted" : "output.flagged";
        String stage = blockingStage != null ? blockingStage : findings.isEmpty() ? null : findings.get(0).stage();
        return new SecurityEvent(Instant.now(), type, exchange.requestId(), config.version(), request.method(),
                Redaction.mask(request.path(), secrets), address(request.remoteAddress()), exchange.principal(),
                config.mode(), block != null ? block.httpStatus() : 200, reason, stage, rules,
                redact(findings, config.events(), secrets), Map.of(), System.nanoTime() - exchange.startNanos(),
                type.name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + String.join(", ", rules));
    }

    /** A policy lifecycle event. */
    public static SecurityEvent policyEvent(GuardConfig config, EventType type, String message) {
        return new SecurityEvent(Instant.now(), type, null, config.version(), null, null, null, null, config.mode(),
                0, type.name().toLowerCase(Locale.ROOT), null, List.of(), List.of(), Map.of(), -1,
                message(message, List.of()));
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

    /**
     * Findings as events may show them: excerpts masked and cut to {@link EventOptions#excerptLength()}, dropped for
     * prompt text (unless {@link EventOptions#logPrompts()}) and for credential targets; messages masked.
     */
    static List<Finding> redact(List<Finding> findings, EventOptions options, List<String> secrets) {
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            String excerpt = (f.promptText() && !options.logPrompts()) || Redaction.isSecretTarget(f.target())
                    ? "" : Redaction.excerpt(f.excerpt(), options.excerptLength(), secrets);
            String message = message(f.message(), secrets);
            out.add(excerpt.equals(f.excerpt()) && message.equals(f.message()) ? f
                    : new Finding(f.stage(), f.ruleId(), f.severity(), message, f.target(), excerpt, f.score(), f.tags()));
        }
        return out;
    }

    private static String message(String message, List<String> secrets) {
        String masked = Redaction.mask(message, secrets);
        return masked.length() > MAX_MESSAGE ? masked.substring(0, MAX_MESSAGE) + "…" : masked;
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
