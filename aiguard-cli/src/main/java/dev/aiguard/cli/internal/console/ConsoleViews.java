package dev.aiguard.cli.internal.console;

import dev.aiguard.api.EventType;
import dev.aiguard.api.Finding;
import dev.aiguard.api.SecurityEvent;

import java.util.Locale;

/** How the console names things in an event: its identity, verdict, stage, rule and egress destination. */
final class ConsoleViews {

    private ConsoleViews() {
    }

    static String identity(SecurityEvent e) {
        return e.principal() == null ? "anonymous" : e.principal().subject();
    }

    /** {@code blocked}, {@code would_block} or {@code allowed}: one vocabulary for requests and connections. */
    static String verdict(SecurityEvent e) {
        return switch (e.type()) {
            case REQUEST_BLOCKED, EGRESS_DENIED, POLICY_REJECTED -> "blocked";
            case REQUEST_WOULD_BLOCK, EGRESS_WOULD_DENY -> "would_block";
            case STAGE_FAILURE -> e.httpStatus() >= 400 ? "blocked" : "error";
            default -> "allowed";
        };
    }

    /** The stage that decided, else the first finding's stage, else {@code egress} for egress events. */
    static String stage(SecurityEvent e) {
        if (e.blockingStage() != null) {
            return e.blockingStage();
        }
        if (!e.findings().isEmpty()) {
            return e.findings().get(0).stage();
        }
        return isEgress(e) ? "egress" : "";
    }

    static boolean isEgress(SecurityEvent e) {
        return e.type() == EventType.EGRESS_ALLOWED || e.type() == EventType.EGRESS_DENIED
                || e.type() == EventType.EGRESS_WOULD_DENY;
    }

    /** Whether the event names {@code rule} as decisive or as a finding. */
    static boolean hasRule(SecurityEvent e, String rule) {
        return e.ruleIds().contains(rule) || rule.equals(e.reason())
                || e.findings().stream().map(Finding::ruleId).anyMatch(rule::equals);
    }

    /**
     * The egress destination: the proxy puts {@code host:port} in the path; the in-process guard puts the redacted
     * URL in its finding's excerpt.
     */
    static String destination(SecurityEvent e) {
        if (e.path() != null && !e.path().isEmpty()) {
            return e.path();
        }
        if (!e.findings().isEmpty() && !e.findings().get(0).excerpt().isEmpty()) {
            return e.findings().get(0).excerpt();
        }
        return null;
    }

    static String type(SecurityEvent e) {
        return e.type().name().toLowerCase(Locale.ROOT);
    }
}
