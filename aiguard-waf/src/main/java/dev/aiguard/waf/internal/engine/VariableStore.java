package dev.aiguard.waf.internal.engine;

import dev.aiguard.waf.LlmFields;
import dev.aiguard.waf.internal.body.Param;
import dev.aiguard.waf.internal.operator.Captures;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The values of one transaction's variables: stored collections, scalars and TX. Derived variables (ARGS from
 * ARGS_GET + ARGS_POST, the *_NAMES views, counts and sizes) are computed when asked for.
 */
final class VariableStore {

    /** TX:0 to TX:9 hold captures. */
    static final int CAPTURE_SLOTS = 10;
    private static final String[] SLOT_KEYS = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};

    private final Map<Variable, List<Param>> collections = new EnumMap<>(Variable.class);
    private final Map<Variable, String> scalars = new EnumMap<>(Variable.class);
    /** TX; for TX:0-9 the value of a pending capture (see {@link #captureSlots}) is a placeholder. */
    private final Map<String, String> tx = new LinkedHashMap<>();
    /**
     * TX:0-9 whose value is a capture group not computed yet: slot i non-null means TX:i is group i of that
     * match. Every TX read goes through {@link #txValue} so nobody sees the placeholder.
     */
    private final Captures[] captureSlots = new Captures[CAPTURE_SLOTS];
    private final List<Param> matchedVars = new ArrayList<>();
    /** Body arguments that are LLM prompt fields, with the rule families they are hidden from (by identity). */
    private final Map<Param, HiddenFamilies> promptArgs = new IdentityHashMap<>();
    /** The family of the rule whose values are being collected, or -1: read by {@link #addAll}. */
    private int scopeFamily = -1;
    private String xmlText;
    private final List<String> xmlAttributes = new ArrayList<>();

    void set(Variable variable, String value) {
        if (value == null) {
            scalars.remove(variable);
        } else {
            scalars.put(variable, value);
        }
    }

    String get(Variable variable) {
        return scalars.get(variable);
    }

    void add(Variable collection, String name, String value) {
        collections.computeIfAbsent(collection, k -> new ArrayList<>()).add(new Param(name, value));
    }

    /** Adds a body argument that is (part of) an LLM prompt field; rules of its hidden families do not see it. */
    void addPrompt(Variable collection, String name, String value, LlmFields.Prompt prompt) {
        Param p = new Param(name, value);
        collections.computeIfAbsent(collection, k -> new ArrayList<>()).add(p);
        // A prompt hidden from no family is an ordinary argument: leaving it out keeps scoping off for every rule.
        if (!prompt.hiddenFamilies().isEmpty()) {
            promptArgs.put(p, HiddenFamilies.of(prompt));
        }
    }

    List<Param> collection(Variable variable) {
        return collections.getOrDefault(variable, List.of());
    }

    void setXml(String text, List<String> attributes) {
        xmlText = text;
        xmlAttributes.clear();
        xmlAttributes.addAll(attributes);
    }

    // ---- TX ----

    String txGet(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return txValue(k, tx.get(k));
    }

    void txSet(String key, String value) {
        String k = key.toLowerCase(Locale.ROOT);
        clearSlot(k);
        tx.put(k, value);
    }

    void txDelete(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        clearSlot(k);
        tx.remove(k);
    }

    /**
     * A match's captures become TX:0 to TX:n-1 (n = its group count, at most 10); TX:n and above keep their
     * values. The groups are computed when one of these is read.
     */
    void txCaptured(Captures captures) {
        int n = Math.min(captures.count(), CAPTURE_SLOTS);
        for (int i = 0; i < n; i++) {
            tx.put(SLOT_KEYS[i], "");
            captureSlots[i] = captures;
        }
    }

    /**
     * TX {@code key}'s value when it is a capture group not computed yet, as a supplier that computes it; {@code null}
     * when the value is plain (read it with {@link #txGet}).
     */
    java.util.function.Supplier<String> txPending(String key) {
        int slot = slotOf(key);
        if (slot < 0 || captureSlots[slot] == null) {
            return null;
        }
        Captures captures = captureSlots[slot];
        return () -> captures.group(slot);
    }

    /** The TX collection as it is now; pending captures stay pending in it. */
    TxSnapshot txSnapshot() {
        return new TxSnapshot(tx, captureSlots);
    }

    private String txValue(String key, String stored) {
        int slot = slotOf(key);
        return slot >= 0 && captureSlots[slot] != null ? captureSlots[slot].group(slot) : stored;
    }

    private void clearSlot(String key) {
        int slot = slotOf(key);
        if (slot >= 0) {
            captureSlots[slot] = null;
        }
    }

    /** 0-9 for the keys "0" to "9", else -1. */
    static int slotOf(String key) {
        if (key.length() != 1) {
            return -1;
        }
        int d = key.charAt(0) - '0';
        return d >= 0 && d < CAPTURE_SLOTS ? d : -1;
    }

    // ---- MATCHED_VARS ----

    void clearMatchedVars() {
        matchedVars.clear();
    }

    void addMatchedVar(String name, String value) {
        matchedVars.add(new Param(name, value));
    }

    /**
     * All values of {@code target}'s variable selected by its key, as the rule sees them. For a count target the
     * caller counts these.
     */
    List<VarValue> values(CompiledTarget target) {
        return values(target, -1);
    }

    /**
     * The values a rule of {@code ruleFamily} (rule id / 1000; -1 for none) sees: like {@link #values(CompiledTarget)}
     * minus the prompt-field arguments hidden from that family.
     */
    List<VarValue> values(CompiledTarget target, int ruleFamily) {
        scopeFamily = promptArgs.isEmpty() ? -1 : ruleFamily;
        try {
            return unscopedValues(target);
        } finally {
            scopeFamily = -1;
        }
    }

    private List<VarValue> unscopedValues(CompiledTarget target) {
        Variable v = target.variable();
        List<VarValue> out = new ArrayList<>();
        switch (v) {
            case ARGS -> {
                addAll(out, v, collection(Variable.ARGS_GET), target, false);
                addAll(out, v, collection(Variable.ARGS_POST), target, false);
            }
            case ARGS_NAMES -> {
                addAll(out, v, collection(Variable.ARGS_GET), target, true);
                addAll(out, v, collection(Variable.ARGS_POST), target, true);
            }
            case ARGS_GET_NAMES -> addAll(out, v, collection(Variable.ARGS_GET), target, true);
            case ARGS_POST_NAMES -> addAll(out, v, collection(Variable.ARGS_POST), target, true);
            case REQUEST_HEADERS_NAMES -> addAll(out, v, collection(Variable.REQUEST_HEADERS), target, true);
            case REQUEST_COOKIES_NAMES -> addAll(out, v, collection(Variable.REQUEST_COOKIES), target, true);
            case RESPONSE_HEADERS_NAMES -> addAll(out, v, collection(Variable.RESPONSE_HEADERS), target, true);
            case FILES_NAMES -> addAll(out, v, collection(Variable.FILES), target, true);
            case TX -> {
                if (target.key() != null) {
                    // TX names are stored lower-case: a literal key is one lookup, not a scan.
                    String key = target.key().toLowerCase(Locale.ROOT);
                    String value = tx.get(key);
                    if (value != null) {
                        out.add(new VarValue(v, key, txValue(key, value)));
                    }
                    return out;
                }
                for (Map.Entry<String, String> e : tx.entrySet()) {
                    if (target.selectsKey(e.getKey())) {
                        out.add(new VarValue(v, e.getKey(), txValue(e.getKey(), e.getValue())));
                    }
                }
            }
            case MATCHED_VARS -> addAll(out, v, List.copyOf(matchedVars), target, false);
            case MATCHED_VARS_NAMES -> addAll(out, v, List.copyOf(matchedVars), target, true);
            case XML -> xmlValues(target, out);
            default -> {
                if (v.isCollection()) {
                    addAll(out, v, collection(v), target, false);
                } else {
                    String value = scalar(v);
                    if (value != null) {
                        out.add(new VarValue(v, null, value));
                    }
                }
            }
        }
        return out;
    }

    /** A scalar's value, computing the derived ones. */
    String scalar(Variable v) {
        return switch (v) {
            case ARGS_COMBINED_SIZE -> Long.toString(combinedSize());
            case FILES_COMBINED_SIZE -> Long.toString(collection(Variable.FILES_SIZES).stream()
                    .mapToLong(p -> Numbers.parseLong(p.value())).sum());
            case MATCHED_VAR -> scalars.getOrDefault(v, "");
            case MATCHED_VAR_NAME -> scalars.getOrDefault(v, "");
            default -> scalars.get(v);
        };
    }

    private long combinedSize() {
        long size = 0;
        for (Param p : collection(Variable.ARGS_GET)) {
            size += p.name().length() + p.value().length();
        }
        for (Param p : collection(Variable.ARGS_POST)) {
            size += p.name().length() + p.value().length();
        }
        return size;
    }

    private void xmlValues(CompiledTarget target, List<VarValue> out) {
        String key = target.key() == null ? "" : target.key().trim();
        boolean attributes = key.contains("@");
        if (!attributes && xmlText != null) {
            out.add(new VarValue(Variable.XML, null, xmlText));
        }
        if (attributes || key.isEmpty()) {
            for (String a : xmlAttributes) {
                out.add(new VarValue(Variable.XML, null, a));
            }
        }
    }

    private void addAll(List<VarValue> out, Variable v, List<Param> params, CompiledTarget target, boolean names) {
        boolean scoped = scopeFamily >= 0 && !names && (v == Variable.ARGS || v == Variable.ARGS_POST);
        for (Param p : params) {
            // The key test first: it is cheaper and rules out most arguments for keyed targets.
            if (target.selectsKey(p.name()) && !(scoped && hidden(p))) {
                out.add(new VarValue(v, p.name(), names ? p.name() : p.value()));
            }
        }
    }

    private boolean hidden(Param p) {
        HiddenFamilies families = promptArgs.get(p);
        return families != null && families.hides(scopeFamily);
    }

    /**
     * {@link LlmFields.Prompt#hiddenFrom} as a bit set: asked for every (rule, argument) pair, so it should not box
     * the family or probe a set.
     */
    private record HiddenFamilies(boolean all, java.util.BitSet families) {

        static HiddenFamilies of(LlmFields.Prompt prompt) {
            java.util.BitSet bits = new java.util.BitSet();
            for (int family : prompt.hiddenFamilies()) {
                if (family > 0) {
                    bits.set(family);
                }
            }
            return new HiddenFamilies(prompt.hiddenFamilies().contains(0), bits);
        }

        boolean hides(int family) {
            return all || (family > 0 && families.get(family));
        }
    }

    /** First value of a collection member (case-insensitive key), for macros like {@code %{REQUEST_HEADERS.host}}. */
    String member(Variable v, String key) {
        if (v == Variable.TX) {
            return txGet(key);
        }
        CompiledTarget t = new CompiledTarget(v, key, null, false, false);
        List<VarValue> values = values(t);
        return values.isEmpty() ? null : values.get(0).value();
    }
}
