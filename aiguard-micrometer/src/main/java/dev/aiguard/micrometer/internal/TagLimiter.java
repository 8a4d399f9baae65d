package dev.aiguard.micrometer.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounds the distinct values of one tag: the first {@code max} distinct values keep their name, every later one is
 * reported as {@value #OTHER}. Metric backends bill and slow down per time series, so a tag fed from request data (a
 * rule id, a reason) must never grow without bound.
 */
public final class TagLimiter {

    /** The value that stands for every value past the limit. */
    public static final String OTHER = "other";
    /** The value for a missing one. */
    public static final String NONE = "none";

    private final int max;
    private final Set<String> admitted = ConcurrentHashMap.newKeySet();

    /** @param max how many distinct values keep their name, {@code >= 0} */
    public TagLimiter(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must be >= 0");
        }
        this.max = max;
    }

    /** {@code value} if it is (or may become) one of the admitted values, else {@value #OTHER}. */
    public String limit(String value) {
        if (value == null || value.isEmpty()) {
            return NONE;
        }
        if (admitted.contains(value)) {
            return value;
        }
        synchronized (admitted) {
            if (admitted.size() < max) {
                admitted.add(value);
                return value;
            }
        }
        return OTHER;
    }

    /** How many distinct values have been admitted. */
    public int admittedCount() {
        return admitted.size();
    }
}
