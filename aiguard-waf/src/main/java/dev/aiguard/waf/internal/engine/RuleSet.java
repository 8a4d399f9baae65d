package dev.aiguard.waf.internal.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable compiled rule set: per phase the rules in file order, and per phase where each marker sits.
 * Thread-safe; one instance serves any number of transactions.
 */
public final class RuleSet {

    /** Number of phases; phases are numbered 1..PHASES. */
    public static final int PHASES = 5;

    private final List<List<CompiledRule>> phases;
    private final List<Map<String, Integer>> jumpTargets;
    private final EngineConfig config;

    RuleSet(List<List<CompiledRule>> phases, List<Map<String, Integer>> jumpTargets, EngineConfig config) {
        List<List<CompiledRule>> p = new ArrayList<>();
        List<Map<String, Integer>> j = new ArrayList<>();
        for (int i = 0; i <= PHASES; i++) {
            p.add(List.copyOf(phases.get(i)));
            j.add(Map.copyOf(jumpTargets.get(i)));
        }
        this.phases = List.copyOf(p);
        this.jumpTargets = List.copyOf(j);
        this.config = config;
    }

    /** The rules of a phase (1-5) in execution order. */
    public List<CompiledRule> rules(int phase) {
        return phases.get(phase);
    }

    /**
     * The index in {@link #rules(int)} at which execution continues after {@code skipAfter:name}, or -1 when
     * the phase has no such marker or rule.
     */
    public int jumpTarget(int phase, String name) {
        return jumpTargets.get(phase).getOrDefault(name, -1);
    }

    /** The same rules with other engine settings. */
    public RuleSet withConfig(EngineConfig other) {
        return new RuleSet(phases, jumpTargets, other);
    }

    /** The engine settings from the setting directives. */
    public EngineConfig config() {
        return config;
    }

    /** Every top-level rule of all phases, in phase then file order. */
    public List<CompiledRule> allRules() {
        List<CompiledRule> all = new ArrayList<>();
        for (int phase = 1; phase <= PHASES; phase++) {
            all.addAll(rules(phase));
        }
        return all;
    }

    /** Rules by id (top-level rules only). */
    public Map<Integer, CompiledRule> byId() {
        Map<Integer, CompiledRule> map = new HashMap<>();
        for (CompiledRule rule : allRules()) {
            if (rule.id() != 0) {
                map.put(rule.id(), rule);
            }
        }
        return map;
    }
}
