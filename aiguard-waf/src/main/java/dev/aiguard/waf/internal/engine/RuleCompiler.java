package dev.aiguard.waf.internal.engine;

import dev.aiguard.waf.internal.operator.Operator;
import dev.aiguard.waf.internal.operator.OperatorEnv;
import dev.aiguard.waf.internal.operator.Operators;
import dev.aiguard.waf.internal.regex.RegexEngine;
import dev.aiguard.waf.internal.seclang.ActionDirective;
import dev.aiguard.waf.internal.seclang.ActionSpec;
import dev.aiguard.waf.internal.seclang.DefaultActionDirective;
import dev.aiguard.waf.internal.seclang.Directive;
import dev.aiguard.waf.internal.seclang.MarkerDirective;
import dev.aiguard.waf.internal.seclang.RemoveRulesDirective;
import dev.aiguard.waf.internal.seclang.RuleDirective;
import dev.aiguard.waf.internal.seclang.RuleSelector;
import dev.aiguard.waf.internal.seclang.SecLangException;
import dev.aiguard.waf.internal.seclang.SettingDirective;
import dev.aiguard.waf.internal.seclang.SourceLocation;
import dev.aiguard.waf.internal.seclang.Target;
import dev.aiguard.waf.internal.seclang.UpdateActionsDirective;
import dev.aiguard.waf.internal.seclang.UpdateTargetsDirective;
import dev.aiguard.waf.internal.transform.Transformation;
import dev.aiguard.waf.internal.transform.Transformations;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles parsed directives into an immutable {@link RuleSet}: groups chains, applies SecDefaultAction,
 * load-time exclusions and updates, resolves markers, compiles operators and transformation chains once, and
 * rejects anything it cannot run with a {@link SecLangException} naming file and line.
 */
public final class RuleCompiler {

    /** Creates operators (production: {@link Operators#create}). */
    @FunctionalInterface
    public interface OperatorFactory {
        Operator create(String name, String argument, OperatorEnv env);
    }

    /** Looks transformations up by name (production: {@link Transformations#byName}). */
    @FunctionalInterface
    public interface TransformationLookup {
        Transformation byName(String name);
    }

    private final RegexEngine regex;
    private final OperatorFactory operators;
    private final TransformationLookup transformations;
    private final EngineConfig baseConfig;

    /** A compiler using the real operators and transformations. */
    public RuleCompiler(RegexEngine regex, EngineConfig baseConfig) {
        this(regex, baseConfig, Operators::create, Transformations::byName);
    }

    public RuleCompiler(RegexEngine regex, EngineConfig baseConfig, OperatorFactory operators,
                        TransformationLookup transformations) {
        this.regex = regex;
        this.baseConfig = baseConfig;
        this.operators = operators;
        this.transformations = transformations;
    }

    /**
     * Compiles the directives, in order.
     *
     * @throws SecLangException for anything invalid or unsupported
     */
    public RuleSet compile(List<Directive> directives) {
        List<Object> entries = new ArrayList<>();
        EngineConfigBuilder config = new EngineConfigBuilder(baseConfig);
        Map<Integer, List<ActionSpec>> defaults = new HashMap<>();
        RuleDraft open = null;
        for (Directive d : directives) {
            if (open != null && open.expectsLink()) {
                if (d instanceof RuleDirective r) {
                    open.links.add(new RuleDraft(r.targets(), r.operator(), r.actions(), r.location(), defaults));
                    continue;
                }
                if (d instanceof ActionDirective a) {
                    open.links.add(new RuleDraft(List.of(), null, a.actions(), a.location(), defaults));
                    continue;
                }
                throw error(open.location, "rule has 'chain' but no rule follows it");
            }
            if (d instanceof RuleDirective r) {
                open = new RuleDraft(r.targets(), r.operator(), r.actions(), r.location(), Map.copyOf(defaults));
                entries.add(open);
            } else if (d instanceof ActionDirective a) {
                open = new RuleDraft(List.of(), null, a.actions(), a.location(), Map.copyOf(defaults));
                entries.add(open);
            } else if (d instanceof MarkerDirective m) {
                entries.add(m);
            } else if (d instanceof DefaultActionDirective da) {
                defaults.put(defaultPhase(da), da.actions());
            } else if (d instanceof SettingDirective s) {
                applySetting(config, s);
            } else if (d instanceof RemoveRulesDirective rr) {
                entries.removeIf(e -> e instanceof RuleDraft rd && selects(rr, rd));
            } else if (d instanceof UpdateTargetsDirective ut) {
                updateTargets(entries, ut);
            } else if (d instanceof UpdateActionsDirective ua) {
                updateActions(entries, ua);
            }
        }
        if (open != null && open.expectsLink()) {
            throw error(open.location, "rule has 'chain' but no rule follows it");
        }
        return build(entries, config.build());
    }

    private RuleSet build(List<Object> entries, EngineConfig config) {
        List<List<CompiledRule>> phases = new ArrayList<>();
        List<Map<String, Integer>> jumps = new ArrayList<>();
        for (int i = 0; i <= RuleSet.PHASES; i++) {
            phases.add(new ArrayList<>());
            jumps.add(new HashMap<>());
        }
        Set<Integer> ids = new HashSet<>();
        Set<String> markers = new HashSet<>();
        List<CompiledRule> withSkipAfter = new ArrayList<>();
        for (Object entry : entries) {
            if (entry instanceof MarkerDirective m) {
                markers.add(m.name());
                for (int p = 1; p <= RuleSet.PHASES; p++) {
                    jumps.get(p).put(m.name(), phases.get(p).size());
                }
                continue;
            }
            RuleDraft draft = (RuleDraft) entry;
            CompiledRule rule = compileRule(draft);
            if (rule.id() != 0 && !ids.add(rule.id())) {
                throw error(draft.location, "duplicate rule id " + rule.id());
            }
            List<CompiledRule> list = phases.get(rule.phase());
            list.add(rule);
            if (rule.id() != 0) {
                jumps.get(rule.phase()).putIfAbsent(Integer.toString(rule.id()), list.size());
            }
            if (rule.skipAfter() != null) {
                withSkipAfter.add(rule);
            }
        }
        for (CompiledRule rule : withSkipAfter) {
            if (!markers.contains(rule.skipAfter()) && !ids.contains(parseIntOr(rule.skipAfter(), -1))) {
                throw error(rule.location(), "skipAfter:" + rule.skipAfter() + " names no SecMarker or rule id");
            }
        }
        return new RuleSet(phases, jumps, config);
    }

    private CompiledRule compileRule(RuleDraft draft) {
        RuleActions actions = new RuleActions(draft.location, transformations);
        int phase = actions.findPhase(draft.actions);
        List<ActionSpec> defaults = draft.defaults.getOrDefault(phase, List.of());
        actions.applyDefaults(defaults);
        actions.apply(draft.actions, true);
        CompiledRule next = null;
        for (int i = draft.links.size() - 1; i >= 0; i--) {
            RuleDraft link = draft.links.get(i);
            RuleActions linkActions = new RuleActions(link.location, transformations);
            linkActions.applyDefaultTransformations(defaults);
            linkActions.apply(link.actions, false);
            next = linkActions.build(0, phase, compileTargets(link), link.operator, operator(link), next);
        }
        if (actions.id == 0) {
            throw error(draft.location, "rule has no id");
        }
        return actions.build(actions.id, phase, compileTargets(draft), draft.operator, operator(draft), next);
    }

    private List<CompiledTarget> compileTargets(RuleDraft draft) {
        List<CompiledTarget> out = new ArrayList<>();
        for (Target t : draft.targets) {
            Variable variable = Variable.byName(t.collection())
                    .orElseThrow(() -> error(draft.location, "unknown variable '" + t.collection() + "'"));
            if (t.keyIsRegex() && variable != Variable.XML) {
                try {
                    out.add(new CompiledTarget(variable, null, CompiledTarget.keyRegex(t.key()), t.count(),
                            t.exclude()));
                } catch (RuntimeException e) {
                    throw error(draft.location, "bad key regex '" + t.key() + "': " + e.getMessage());
                }
            } else {
                String key = t.key() == null || t.key().isEmpty() ? null : t.key();
                out.add(new CompiledTarget(variable, key, null, t.count(), t.exclude()));
            }
        }
        return out;
    }

    private Operator operator(RuleDraft draft) {
        if (draft.operator == null) {
            return null;
        }
        Path file = draft.location.file();
        Path dir = file == null ? Path.of(".") : file.toAbsolutePath().getParent();
        try {
            return operators.create(draft.operator.name(), draft.operator.argument(), new OperatorEnv(dir, regex));
        } catch (RuntimeException e) {
            throw new SecLangException(file, draft.location.line(),
                    "operator '@" + draft.operator.name() + "': " + e.getMessage(), e);
        }
    }

    private static int defaultPhase(DefaultActionDirective d) {
        for (ActionSpec a : d.actions()) {
            if (a.name().equals("phase")) {
                return RuleActions.parsePhase(a.value(), d.location());
            }
        }
        throw error(d.location(), "SecDefaultAction needs a phase");
    }

    private static void applySetting(EngineConfigBuilder config, SettingDirective s) {
        try {
            config.apply(s.name(), s.value());
        } catch (IllegalArgumentException e) {
            throw error(s.location(), e.getMessage());
        }
    }

    private static boolean selects(RemoveRulesDirective rr, RuleDraft draft) {
        for (String value : rr.values()) {
            if (selects(rr.selector(), value, draft, rr.location())) {
                return true;
            }
        }
        return false;
    }

    private static boolean selects(RuleSelector selector, String value, RuleDraft draft, SourceLocation where) {
        try {
            return switch (selector) {
                case BY_ID -> RuleSelection.idMatches(value, draft.id());
                case BY_TAG -> RuleSelection.anyTextMatches(value, draft.tags());
                case BY_MSG -> RuleSelection.textMatches(value, draft.msg());
            };
        } catch (RuntimeException e) {
            throw error(where, e.getMessage());
        }
    }

    private static void updateTargets(List<Object> entries, UpdateTargetsDirective ut) {
        for (Object e : entries) {
            if (e instanceof RuleDraft rd && selects(ut.selector(), ut.value(), rd, ut.location())) {
                int at = ut.replaced() == null ? -1 : rd.targets.indexOf(ut.replaced());
                if (at >= 0) {
                    rd.targets.remove(at);
                    rd.targets.addAll(at, ut.targets());
                } else {
                    rd.targets.addAll(ut.targets());
                }
            }
        }
    }

    private static void updateActions(List<Object> entries, UpdateActionsDirective ua) {
        boolean found = false;
        for (Object e : entries) {
            if (e instanceof RuleDraft rd && selects(RuleSelector.BY_ID, ua.id(), rd, ua.location())) {
                found = true;
                for (ActionSpec a : ua.actions()) {
                    RuleActions.replaceOrAdd(rd.actions, a);
                }
            }
        }
        if (!found) {
            throw error(ua.location(), "SecRuleUpdateActionById: no rule with id " + ua.id());
        }
    }

    static SecLangException error(SourceLocation where, String message) {
        return where == null ? new SecLangException(null, 0, message)
                : new SecLangException(where.file(), where.line(), message);
    }

    private static int parseIntOr(String text, int fallback) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
