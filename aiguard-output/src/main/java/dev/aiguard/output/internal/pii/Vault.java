package dev.aiguard.output.internal.pii;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One exchange's redacted values and their placeholders ({@code [PII_EMAIL_1]}): the same value gets the same
 * placeholder, so the model can still tell two people apart. Bounded: past {@value #MAX_ENTRIES} values, further ones
 * are redacted without being kept. Lives in the exchange only; never logged.
 */
final class Vault {

    static final int MAX_ENTRIES = 1000;

    private final Map<String, String> byValue = new HashMap<>();
    private final Map<String, String> byPlaceholder = new HashMap<>();
    private final Map<String, Integer> counters = new HashMap<>();

    /** The placeholder for a value, or {@code null} when the vault is full. */
    synchronized String placeholder(String kind, String value) {
        String existing = byValue.get(value);
        if (existing != null) {
            return existing;
        }
        if (byValue.size() >= MAX_ENTRIES) {
            return null;
        }
        int n = counters.merge(kind, 1, Integer::sum);
        String p = "[PII_" + kind.toUpperCase(Locale.ROOT) + "_" + n + "]";
        byValue.put(value, p);
        byPlaceholder.put(p, value);
        return p;
    }

    /** The original value of a placeholder, or {@code null}. */
    synchronized String original(String placeholder) {
        return byPlaceholder.get(placeholder);
    }

    synchronized boolean isEmpty() {
        return byValue.isEmpty();
    }
}
