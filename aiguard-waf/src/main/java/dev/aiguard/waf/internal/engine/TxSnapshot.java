package dev.aiguard.waf.internal.engine;

import dev.aiguard.waf.internal.operator.Captures;

import java.util.AbstractMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * An immutable copy of a transaction's TX collection in which capture groups not computed yet (TX:0-9) stay
 * pending until read: looking up other keys, as the anomaly-score checks do, does not run the capturing regex.
 * Iterating, {@code equals} and {@code hashCode} compute them.
 */
public final class TxSnapshot extends AbstractMap<String, String> {

    private final Map<String, String> stored;
    private final Captures[] slots;
    private final boolean pending;
    private volatile Map<String, String> resolved;

    TxSnapshot(Map<String, String> tx, Captures[] captureSlots) {
        this.stored = Map.copyOf(tx);
        Captures[] copy = null;
        for (int i = 0; i < captureSlots.length; i++) {
            if (captureSlots[i] != null) {
                if (copy == null) {
                    copy = new Captures[captureSlots.length];
                }
                copy[i] = captureSlots[i];
            }
        }
        this.slots = copy;
        this.pending = copy != null;
        this.resolved = pending ? null : stored;
    }

    @Override
    public String get(Object key) {
        if (pending && key instanceof String k) {
            int slot = VariableStore.slotOf(k);
            if (slot >= 0 && slots[slot] != null) {
                return slots[slot].group(slot);
            }
        }
        return stored.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return stored.containsKey(key);
    }

    @Override
    public int size() {
        return stored.size();
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return resolved().entrySet();
    }

    private Map<String, String> resolved() {
        Map<String, String> r = resolved;
        if (r == null) {
            Map<String, String> copy = new HashMap<>(stored);
            for (int i = 0; i < slots.length; i++) {
                if (slots[i] != null) {
                    copy.put(Integer.toString(i), slots[i].group(i));
                }
            }
            r = Map.copyOf(copy);
            resolved = r;
        }
        return r;
    }
}
