package dev.aiguard.api.internal.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The flow log's aggregation of one time window, in bounded memory: the first {@code maxIdentities} identities seen in
 * the window are counted exactly, later ones together as {@code other}. {@link #summary} keeps the top N by tokens
 * charged and the top N by blocked requests (who spends the GPU, who is being blocked) and folds everyone else into
 * one {@code other} row, so the rows always add up to the window's traffic.
 */
final class FlowWindow {

    /** The identity of the row that stands for everyone not listed. */
    static final String OTHER = "other";

    private static final Comparator<FlowStats> BY_TOKENS = Comparator.<FlowStats>comparingLong(s -> s.tokensCharged)
            .reversed().thenComparing(Comparator.<FlowStats>comparingLong(s -> s.requests).reversed())
            .thenComparing(FlowWindow::key);
    private static final Comparator<FlowStats> BY_BLOCKED = Comparator.<FlowStats>comparingLong(s -> s.blocked)
            .reversed().thenComparing(BY_TOKENS);

    private final Instant start;
    private final Instant end;
    private final int maxIdentities;
    private final Map<String, FlowStats> byIdentity = new HashMap<>();
    private final FlowStats overflow = new FlowStats(null, OTHER, null);

    FlowWindow(Instant start, Instant end, int maxIdentities) {
        this.start = start;
        this.end = end;
        this.maxIdentities = maxIdentities;
    }

    Instant start() {
        return start;
    }

    Instant end() {
        return end;
    }

    boolean isEmpty() {
        return byIdentity.isEmpty() && overflow.requests == 0;
    }

    /** The row for an identity: its own while there is room, else the overflow row. */
    FlowStats stats(String tenant, String subject, String client) {
        String key = key(tenant, subject, client);
        FlowStats s = byIdentity.get(key);
        if (s == null) {
            if (byIdentity.size() >= maxIdentities) {
                return overflow;
            }
            s = new FlowStats(tenant, subject, client);
            byIdentity.put(key, s);
        }
        return s;
    }

    /** The listed rows (top N by tokens, then the top N blocked not already listed), then {@code other} if any. */
    List<FlowStats> summary(int topN) {
        List<FlowStats> all = new ArrayList<>(byIdentity.values());
        Set<FlowStats> listed = new LinkedHashSet<>();
        all.sort(BY_TOKENS);
        for (int i = 0; i < Math.min(topN, all.size()); i++) {
            listed.add(all.get(i));
        }
        all.sort(BY_BLOCKED);
        for (int i = 0; i < Math.min(topN, all.size()) && all.get(i).blocked > 0; i++) {
            listed.add(all.get(i));
        }
        FlowStats rest = new FlowStats(null, OTHER, null);
        rest.addAll(overflow);
        for (FlowStats s : byIdentity.values()) {
            if (!listed.contains(s)) {
                rest.addAll(s);
            }
        }
        List<FlowStats> rows = new ArrayList<>(listed);
        if (rest.requests > 0) {
            rows.add(rest);
        }
        return rows;
    }

    private static String key(FlowStats s) {
        return key(s.tenant, s.subject, s.client);
    }

    private static String key(String tenant, String subject, String client) {
        return (tenant == null ? "" : tenant) + '\u0000' + subject + '\u0000' + (client == null ? "" : client);
    }
}
