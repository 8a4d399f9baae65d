package dev.aiguard.cli.internal.egress;

import dev.aiguard.api.EventType;
import dev.aiguard.api.Finding;
import dev.aiguard.api.Principal;
import dev.aiguard.api.SecurityEvent;
import dev.aiguard.api.Severity;
import dev.aiguard.egress.EgressDecision;
import dev.aiguard.egress.EgressReason;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * One connection through the egress proxy, from the check to its end: who asked (workload, client address), for
 * what (DNS name and port), what was resolved and which address it was pinned to, the bytes each way and how long
 * it lasted. Reported exactly once as a {@link SecurityEvent}.
 */
final class ProxyConnection {

    /** The rule id of connections that were let through. */
    static final String ALLOWED_RULE = "egress.allowed";

    private final String id;
    private final String method;
    private final String host;
    private final int port;
    private final String client;
    private final Principal principal;
    private final String policyVersion;
    private final long startNanos = System.nanoTime();
    private final AtomicLong bytesUp = new AtomicLong();
    private final AtomicLong bytesDown = new AtomicLong();
    private final AtomicBoolean reported = new AtomicBoolean();
    private volatile EgressDecision decision;

    ProxyConnection(String id, String method, String host, int port, String client, Principal principal,
                    String policyVersion) {
        this.id = id;
        this.method = method;
        this.host = host;
        this.port = port;
        this.client = client;
        this.principal = principal;
        this.policyVersion = policyVersion;
    }

    void decided(EgressDecision d) {
        this.decision = d;
    }

    EgressDecision decision() {
        return decision;
    }

    /** The checked address the connection goes to: the first one the check returned. */
    InetAddress pinned() {
        EgressDecision d = decision;
        return d == null || d.addresses().isEmpty() ? null : d.addresses().get(0);
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    void up(long n) {
        if (n > 0) {
            bytesUp.addAndGet(n);
        }
    }

    void down(long n) {
        if (n > 0) {
            bytesDown.addAndGet(n);
        }
    }

    /** Builds the event once; later calls return null. */
    SecurityEvent finish(int status) {
        if (!reported.compareAndSet(false, true)) {
            return null;
        }
        long nanos = System.nanoTime() - startNanos;
        EgressDecision d = decision;
        String destination = destination();
        String pinned = pinned() == null ? "none" : pinned().getHostAddress();
        String resolved = d == null ? "[]" : d.addresses().stream().map(InetAddress::getHostAddress)
                .collect(Collectors.joining(", ", "[", "]"));
        EventType type;
        String verdict;
        if (d == null || d.denied()) {
            type = EventType.EGRESS_DENIED;
            verdict = "denied";
        } else if (d.wouldDeny()) {
            type = EventType.EGRESS_WOULD_DENY;
            verdict = "would deny (monitor)";
        } else {
            type = EventType.EGRESS_ALLOWED;
            verdict = "allowed";
        }
        String ruleId = d == null ? "egress.unauthenticated"
                : d.reason() == EgressReason.ALLOWED ? ALLOWED_RULE : "egress." + d.reason().code();
        List<Finding> findings = type == EventType.EGRESS_ALLOWED ? List.of()
                : List.of(new Finding("egress", ruleId,
                        d != null && d.reason() == EgressReason.CLOUD_METADATA ? Severity.CRITICAL : Severity.HIGH,
                        d == null ? "proxy authentication failed" : d.detail(), "dns:" + host, destination, 0,
                        List.of("ssrf", ruleId.substring("egress.".length()))));
        long ms = nanos / 1_000_000;
        String message = "egress " + verdict + " " + method + " " + destination + " resolved " + resolved
                + " pinned " + pinned + (d == null || d.reason() == EgressReason.ALLOWED ? "" : " (" + d.detail() + ")")
                + ", " + bytesUp.get() + " B up, " + bytesDown.get() + " B down, " + ms + " ms";
        return new SecurityEvent(Instant.now(), type, id, policyVersion, method, destination, client, principal,
                d == null ? null : d.mode(), status, ruleId, type == EventType.EGRESS_ALLOWED ? null : "egress",
                type == EventType.EGRESS_ALLOWED ? List.of() : List.of(ruleId), findings,
                Map.of("bytes.up", bytesUp.get(), "bytes.down", bytesDown.get(), "duration.ms", ms), nanos, message);
    }

    /** {@code host:port} as the client asked for it (IPv6 in brackets). */
    String destination() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
