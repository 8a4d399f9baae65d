package dev.aiguard.micrometer.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tokens reserved, charged and refunded per tenant since start, in bounded memory: the first {@code maxTracked}
 * tenants are counted exactly, later ones together as one overflow entry. {@link #top} ranks the tracked tenants by
 * tokens charged; everything else (untracked tenants and tracked ones outside the top) is reported as
 * {@link TagLimiter#OTHER}, so the totals always add up.
 */
public final class TenantTokens {

    /** Token figures of one tenant (or of "other"). */
    public record Row(String tenant, long reserved, long charged, long refunded) {
    }

    private static final Comparator<Map.Entry<String, long[]>> BY_CHARGED =
            Comparator.<Map.Entry<String, long[]>>comparingLong(e -> e.getValue()[1]).reversed()
                    .thenComparing(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> e.getValue()[0]).reversed())
                    .thenComparing(Map.Entry::getKey);

    private final int maxTracked;
    private final Map<String, long[]> byTenant = new HashMap<>();
    private final long[] overflow = new long[3];

    /** @param maxTracked how many distinct tenants are counted on their own, {@code > 0} */
    public TenantTokens(int maxTracked) {
        if (maxTracked <= 0) {
            throw new IllegalArgumentException("maxTracked must be > 0");
        }
        this.maxTracked = maxTracked;
    }

    /** Adds one request's figures. */
    public synchronized void add(String tenant, long reserved, long charged, long refunded) {
        long[] row = byTenant.get(tenant);
        if (row == null) {
            row = byTenant.size() < maxTracked ? new long[3] : overflow;
            if (row != overflow) {
                byTenant.put(tenant, row);
            }
        }
        row[0] += reserved;
        row[1] += charged;
        row[2] += refunded;
    }

    /** The {@code n} tenants that were charged most, then one {@code other} row with the rest (always present). */
    public synchronized List<Row> top(int n) {
        List<Map.Entry<String, long[]>> entries = new ArrayList<>(byTenant.entrySet());
        entries.sort(BY_CHARGED);
        List<Row> rows = new ArrayList<>(Math.min(n, entries.size()) + 1);
        long[] rest = overflow.clone();
        for (int i = 0; i < entries.size(); i++) {
            long[] v = entries.get(i).getValue();
            if (i < n && !TagLimiter.OTHER.equals(entries.get(i).getKey())) {
                rows.add(new Row(entries.get(i).getKey(), v[0], v[1], v[2]));
            } else {
                rest[0] += v[0];
                rest[1] += v[1];
                rest[2] += v[2];
            }
        }
        rows.add(new Row(TagLimiter.OTHER, rest[0], rest[1], rest[2]));
        return rows;
    }

    /** Number of tenants counted on their own. */
    public synchronized int trackedCount() {
        return byTenant.size();
    }
}
