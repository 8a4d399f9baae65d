package dev.aiguard.egress.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Remembers resolved addresses for a while, so a hot destination costs no lookup and every check within the TTL sees
 * the same (already checked) answer. Bounded: when full it starts over rather than growing.
 */
public final class ResolutionCache {

    private record Entry(List<IpAddress> addresses, long expiresAt) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier nanoTime;

    /**
     * @param ttlNanos   how long an answer is reused; 0 disables caching
     * @param maxEntries bound on cached names
     * @param nanoTime   clock (tests pass a fake one)
     */
    public ResolutionCache(long ttlNanos, int maxEntries, LongSupplier nanoTime) {
        this.ttlNanos = ttlNanos;
        this.maxEntries = maxEntries;
        this.nanoTime = nanoTime;
    }

    /** The cached addresses of {@code name}, or resolves through {@code source} and caches them. */
    public List<IpAddress> get(String name, AddressSource source) throws java.net.UnknownHostException {
        if (ttlNanos <= 0) {
            return source.lookup(name);
        }
        long now = nanoTime.getAsLong();
        Entry entry = entries.get(name);
        if (entry != null && now - entry.expiresAt() < 0) {
            return entry.addresses();
        }
        List<IpAddress> fresh = List.copyOf(source.lookup(name));
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.put(name, new Entry(fresh, now + ttlNanos));
        return fresh;
    }
}
