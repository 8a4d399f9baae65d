package dev.aiguard.egress.internal;

import dev.aiguard.egress.EgressReason;

import java.util.List;

/**
 * The policy's answer for one target, before the mode is applied.
 *
 * @param reason    {@link EgressReason#ALLOWED} or the first violation found
 * @param detail    explanation without secrets
 * @param addresses the resolved (or literal) addresses that were checked; empty when none
 */
public record Evaluation(EgressReason reason, String detail, List<IpAddress> addresses) {

    public Evaluation {
        addresses = List.copyOf(addresses);
    }

    static Evaluation deny(EgressReason reason, String detail, List<IpAddress> addresses) {
        return new Evaluation(reason, detail, addresses);
    }

    public boolean allowed() {
        return reason == EgressReason.ALLOWED;
    }
}
