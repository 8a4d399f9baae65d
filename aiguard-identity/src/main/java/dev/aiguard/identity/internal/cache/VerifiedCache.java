package dev.aiguard.identity.internal.cache;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded LRU cache of verified credentials with per-entry expiry. It is a {@link LinkedHashMap} in access order
 * under one lock: look-ups are a hash probe and a relink, far below the cost of a signature check, and it needs no
 * dependency. Keys are digests of credentials, never credentials.
 *
 * @param <V> the cached value (a principal)
 */
public final class VerifiedCache<V> {

    private final int maxEntries;
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<CredentialDigest, Entry<V>> map;

    public VerifiedCache(int maxEntries) {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("maxEntries must be >= 0");
        }
        this.maxEntries = maxEntries;
        this.map = new LinkedHashMap<>(Math.min(maxEntries, 1024) * 4 / 3 + 1, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<CredentialDigest, Entry<V>> eldest) {
                return size() > VerifiedCache.this.maxEntries;
            }
        };
    }

    /** The value for {@code key} if present and not expired at {@code now}; an expired entry is dropped. */
    public V get(CredentialDigest key, Instant now) {
        if (maxEntries == 0) {
            return null;
        }
        lock.lock();
        try {
            Entry<V> entry = map.get(key);
            if (entry == null) {
                return null;
            }
            if (!now.isBefore(entry.expires())) {
                map.remove(key);
                return null;
            }
            return entry.value();
        } finally {
            lock.unlock();
        }
    }

    /** Caches {@code value} until {@code expires}, evicting the least recently used entry when full. */
    public void put(CredentialDigest key, V value, Instant expires) {
        if (maxEntries == 0) {
            return;
        }
        lock.lock();
        try {
            map.put(key, new Entry<>(value, expires));
        } finally {
            lock.unlock();
        }
    }

    /** Number of entries (including expired ones not yet dropped). */
    public int size() {
        lock.lock();
        try {
            return map.size();
        } finally {
            lock.unlock();
        }
    }

    private record Entry<V>(V value, Instant expires) {
    }
}
