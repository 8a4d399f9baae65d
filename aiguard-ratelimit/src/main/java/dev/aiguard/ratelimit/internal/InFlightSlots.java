package dev.aiguard.ratelimit.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts requests in flight per key and in total (GPU slots). Acquire is all-or-nothing; a per-key counter that
 * falls back to zero is removed, so memory follows the keys currently in flight.
 */
public final class InFlightSlots {

    private final int perKey;
    private final int global;
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentHashMap<String, AtomicInteger> byKey = new ConcurrentHashMap<>();

    /**
     * @param perKey most in flight per key, or {@code <= 0} for no limit
     * @param global most in flight in total, or {@code <= 0} for no limit
     */
    public InFlightSlots(int perKey, int global) {
        this.perKey = perKey;
        this.global = global;
    }

    /** Which limit refused a request. */
    public enum Refusal { NONE, PER_KEY, GLOBAL }

    /** Takes a slot for {@code key}; on refusal nothing is held. */
    public Refusal acquire(String key) {
        if (global > 0 && total.incrementAndGet() > global) {
            total.decrementAndGet();
            return Refusal.GLOBAL;
        }
        if (perKey > 0) {
            boolean[] ok = {false};
            byKey.compute(key, (k, c) -> {
                AtomicInteger counter = c == null ? new AtomicInteger() : c;
                ok[0] = counter.get() < perKey;
                if (ok[0]) {
                    counter.incrementAndGet();
                }
                return counter.get() == 0 ? null : counter;
            });
            if (!ok[0]) {
                if (global > 0) {
                    total.decrementAndGet();
                }
                return Refusal.PER_KEY;
            }
        }
        return Refusal.NONE;
    }

    /** Returns a slot taken by a successful {@link #acquire}. */
    public void release(String key) {
        if (perKey > 0) {
            byKey.computeIfPresent(key, (k, c) -> c.decrementAndGet() <= 0 ? null : c);
        }
        if (global > 0) {
            total.decrementAndGet();
        }
    }

    /** Requests in flight in total (counted only when a global limit is set). */
    public int inFlight() {
        return total.get();
    }

    /** Requests in flight for {@code key} (counted only when a per-key limit is set). */
    public int inFlight(String key) {
        AtomicInteger c = byKey.get(key);
        return c == null ? 0 : c.get();
    }
}
