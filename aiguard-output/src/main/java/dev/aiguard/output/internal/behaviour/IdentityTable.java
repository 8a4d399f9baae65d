package dev.aiguard.output.internal.behaviour;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The identities tracked, at most {@code capacity}: when full, the least recently seen one is dropped (its history is
 * forgotten). A small synchronized LRU; the lock is held only to find or create a history, never while scoring.
 */
final class IdentityTable {

    private final int capacity;
    private final LinkedHashMap<String, IdentityHistory> map;

    IdentityTable(int capacity) {
        this.capacity = capacity;
        this.map = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, IdentityHistory> eldest) {
                return size() > IdentityTable.this.capacity;
            }
        };
    }

    synchronized IdentityHistory get(String identity) {
        return map.computeIfAbsent(identity, k -> new IdentityHistory());
    }

    synchronized int size() {
        return map.size();
    }

    synchronized boolean tracks(String identity) {
        return map.containsKey(identity);
    }
}
