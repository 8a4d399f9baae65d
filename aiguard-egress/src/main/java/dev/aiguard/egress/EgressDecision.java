package dev.aiguard.egress;

import dev.aiguard.api.Mode;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of checking one destination.
 *
 * @param url       the URL (or host) as given
 * @param allowed   whether the call may proceed (true for a monitor-mode violation)
 * @param reason    {@link EgressReason#ALLOWED}, or the violation (also when monitor mode lets it through)
 * @param detail    human-readable explanation, no secrets (no user info, no query)
 * @param mode      the policy mode that applied
 * @param addresses the checked addresses the connection is pinned to (empty when nothing resolved)
 */
public record EgressDecision(String url, boolean allowed, EgressReason reason, String detail, Mode mode,
                             List<InetAddress> addresses) {

    public EgressDecision {
        Objects.requireNonNull(reason, "reason");
        detail = detail == null ? "" : detail;
        addresses = List.copyOf(addresses);
    }

    /** True when a monitor-mode policy would have denied this destination. */
    public boolean wouldDeny() {
        return allowed && reason != EgressReason.ALLOWED;
    }

    /** True when the call must not proceed. */
    public boolean denied() {
        return !allowed;
    }
}
