package dev.aiguard.api.internal.events;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one identity (or the "other" bucket) did in one flow-log window. Mutable, guarded by the owning
 * {@link FlowWindow}'s lock. Block reasons are capped at {@value #MAX_REASONS} distinct codes per identity, the rest
 * counted under {@code other}.
 */
final class FlowStats {

    static final int MAX_REASONS = 8;

    final String tenant;
    final String subject;
    final String client;
    long requests;
    long allowed;
    long blocked;
    long wouldBlock;
    long tokensReserved;
    long tokensCharged;
    long tokensRefunded;
    long inputTokens;
    long outputTokens;
    final Map<String, Long> reasons = new LinkedHashMap<>();

    FlowStats(String tenant, String subject, String client) {
        this.tenant = tenant;
        this.subject = subject;
        this.client = client;
    }

    void addReason(String reason) {
        String key = reasons.containsKey(reason) || reasons.size() < MAX_REASONS ? reason : "other";
        reasons.merge(key, 1L, Long::sum);
    }

    void addAll(FlowStats o) {
        requests += o.requests;
        allowed += o.allowed;
        blocked += o.blocked;
        wouldBlock += o.wouldBlock;
        tokensReserved += o.tokensReserved;
        tokensCharged += o.tokensCharged;
        tokensRefunded += o.tokensRefunded;
        inputTokens += o.inputTokens;
        outputTokens += o.outputTokens;
        o.reasons.forEach((k, v) -> {
            String key = reasons.containsKey(k) || reasons.size() < MAX_REASONS ? k : "other";
            reasons.merge(key, v, Long::sum);
        });
    }
}
