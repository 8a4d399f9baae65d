package dev.aiguard.waf.internal.engine;

import dev.aiguard.waf.internal.operator.Operator;
import dev.aiguard.waf.internal.seclang.ActionSpec;
import dev.aiguard.waf.internal.seclang.OperatorSpec;
import dev.aiguard.waf.internal.seclang.SourceLocation;
import dev.aiguard.waf.internal.transform.Transformation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Interprets one rule's action list (after its phase's SecDefaultAction) into the fields of a {@link CompiledRule}. */
final class RuleActions {

    private static final Map<String, Integer> SEVERITIES = Map.of("EMERGENCY", 0, "ALERT", 1, "CRITICAL", 2,
            "ERROR", 3, "WARNING", 4, "NOTICE", 5, "INFO", 6, "DEBUG", 7);

    /** Actions accepted without effect, with the reason. */
    private static final Map<String, String> NO_OPS = Map.ofEntries(
            Map.entry("initcol", "persistent collections are not supported"),
            Map.entry("setsid", "persistent collections are not supported"),
            Map.entry("setuid", "persistent collections are not supported"),
            Map.entry("setrsc", "persistent collections are not supported"),
            Map.entry("expirevar", "persistent collections are not supported"),
            Map.entry("deprecatevar", "persistent collections are not supported"),
            Map.entry("setenv", "there is no web server environment"),
            Map.entry("sanitisearg", "there is no audit log"),
            Map.entry("sanitisematched", "there is no audit log"),
            Map.entry("sanitisematchedbytes", "there is no audit log"),
            Map.entry("sanitiserequestheader", "there is no audit log"),
            Map.entry("sanitiseresponseheader", "there is no audit log"),
            Map.entry("append", "content injection is not supported"),
            Map.entry("prepend", "content injection is not supported"),
            Map.entry("exec", "running external programs is not supported"),
            Map.entry("pause", "delaying responses is not supported"),
            Map.entry("xmlns", "XPath namespaces are not needed for /* and //@*"));

    /** Actions that may appear only once: a later one (from the rule or an update) replaces the earlier one. */
    private static final Set<String> SINGLE = Set.of("id", "phase", "msg", "logdata", "severity", "ver", "rev",
            "maturity", "accuracy", "status", "skip", "skipafter", "log", "nolog", "auditlog", "noauditlog",
            "capture", "multimatch");

    private static final Set<String> DISRUPTIVE = Set.of("pass", "deny", "drop", "allow", "block", "redirect",
            "proxy");

    private final SourceLocation location;
    private final RuleCompiler.TransformationLookup lookup;

    int id;
    private final List<Transformation> transformations = new ArrayList<>();
    private boolean multiMatch;
    private boolean capture;
    private final List<MatchAction> matchActions = new ArrayList<>();
    private Disruptive defaultDisruptive = Disruptive.PASS;
    private Disruptive disruptive;
    private boolean block;
    private AllowScope allowScope = AllowScope.ALL;
    private int status;
    private String skipAfter;
    private int skip;
    private Macro msg;
    private Macro logData;
    private final List<String> tags = new ArrayList<>();
    private int severity = -1;
    private String ver;
    private String rev;
    private String maturity;
    private String accuracy;
    private boolean log = true;
    private boolean auditLog = true;

    RuleActions(SourceLocation location, RuleCompiler.TransformationLookup lookup) {
        this.location = location;
        this.lookup = lookup;
    }

    /** The rule's phase (2 when it has none, as in ModSecurity). */
    int findPhase(List<ActionSpec> actions) {
        int phase = 2;
        for (ActionSpec a : actions) {
            if (a.name().equals("phase")) {
                phase = parsePhase(a.value(), location);
            }
        }
        return phase;
    }

    static int parsePhase(String value, SourceLocation where) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "1", "2", "3", "4", "5" -> Integer.parseInt(v);
            case "request" -> 2;
            case "response" -> 4;
            case "logging" -> 5;
            default -> throw RuleCompiler.error(where, "bad phase '" + value + "'");
        };
    }

    /** SecDefaultAction: its disruptive action becomes what {@code block} means; the rest are starting values. */
    void applyDefaults(List<ActionSpec> defaults) {
        apply(defaults, true);
        defaultDisruptive = disruptive == null ? Disruptive.PASS : disruptive;
        disruptive = null;
        id = 0;
    }

    /** Chain links inherit only the default transformations. */
    void applyDefaultTransformations(List<ActionSpec> defaults) {
        for (ActionSpec a : defaults) {
            if (a.name().equals("t")) {
                transformation(a.value());
            }
        }
    }

    void apply(List<ActionSpec> actions, boolean starter) {
        for (ActionSpec a : actions) {
            try {
                applyOne(a, starter);
            } catch (IllegalArgumentException e) {
                throw RuleCompiler.error(location, "action '" + a.name() + "': " + e.getMessage());
            }
        }
    }

    private void applyOne(ActionSpec a, boolean starter) {
        String v = a.value();
        switch (a.name()) {
            case "id" -> id = parseId(v);
            case "phase", "chain" -> {
                // phase is read by findPhase; chain is structural, handled by the compiler.
            }
            case "msg" -> msg = Macro.parse(required(a));
            case "logdata" -> logData = Macro.parse(required(a));
            case "tag" -> tags.add(required(a));
            case "severity" -> severity = parseSeverity(required(a));
            case "ver" -> ver = v;
            case "rev" -> rev = v;
            case "maturity" -> maturity = v;
            case "accuracy" -> accuracy = v;
            case "t" -> transformation(required(a));
            case "capture" -> capture = true;
            case "multimatch" -> multiMatch = true;
            case "log" -> log = true;
            case "nolog" -> log = false;
            case "auditlog" -> auditLog = true;
            case "noauditlog" -> auditLog = false;
            case "pass" -> setDisruptive(Disruptive.PASS);
            case "deny" -> setDisruptive(Disruptive.DENY);
            case "drop" -> setDisruptive(Disruptive.DROP);
            case "redirect", "proxy" -> setDisruptive(Disruptive.REDIRECT);
            case "block" -> block = true;
            case "allow" -> {
                setDisruptive(Disruptive.ALLOW);
                allowScope = parseAllow(v);
            }
            case "status" -> status = parseStatus(required(a));
            case "setvar" -> matchActions.add(SetVarAction.parse(required(a)));
            case "ctl" -> matchActions.add(CtlAction.parse(required(a)));
            case "skip" -> skip = parseSkip(required(a));
            case "skipafter" -> skipAfter = required(a).trim();
            default -> {
                String reason = NO_OPS.get(a.name());
                if (reason == null) {
                    throw new IllegalArgumentException("unknown action");
                }
                matchActions.add(new NoOpAction(a.name(), reason));
            }
        }
    }

    private void setDisruptive(Disruptive d) {
        disruptive = d;
        block = false;
    }

    private void transformation(String name) {
        if (name.trim().equalsIgnoreCase("none")) {
            transformations.clear();
            return;
        }
        transformations.add(lookup.byName(name.trim()));
    }

    CompiledRule build(int ruleId, int phase, List<CompiledTarget> allTargets, OperatorSpec spec, Operator operator,
                       CompiledRule next) {
        List<CompiledTarget> targets = allTargets.stream().filter(t -> !t.exclude()).toList();
        List<CompiledTarget> exclusions = allTargets.stream().filter(CompiledTarget::exclude).toList();
        // A rule without a disruptive action, and one with 'block', gets its phase's default.
        Disruptive resolved = block || disruptive == null ? defaultDisruptive : disruptive;
        String key = transformations.stream().map(Transformation::name).collect(Collectors.joining(","));
        return new CompiledRule(ruleId, phase, targets, exclusions, spec, operator, transformations, key,
                multiMatch, capture, matchActions, resolved, allowScope, status, skipAfter, skip, msg, logData,
                tags, severity, ver, rev, maturity, accuracy, log, auditLog, next, location);
    }

    /** For {@code SecRuleUpdateActionById}: single-valued actions replace earlier ones, the others are appended. */
    static void replaceOrAdd(List<ActionSpec> actions, ActionSpec update) {
        String name = update.name();
        if (DISRUPTIVE.contains(name)) {
            actions.removeIf(a -> DISRUPTIVE.contains(a.name()));
        } else if (SINGLE.contains(name)) {
            actions.removeIf(a -> a.name().equals(name));
        }
        actions.add(update);
    }

    private static String required(ActionSpec a) {
        if (a.value() == null) {
            throw new IllegalArgumentException("needs a value");
        }
        return a.value();
    }

    private static int parseId(String v) {
        try {
            int id = Integer.parseInt(v == null ? "" : v.trim());
            if (id <= 0) {
                throw new IllegalArgumentException("id must be positive, got '" + v + "'");
            }
            return id;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("id must be a number, got '" + v + "'", e);
        }
    }

    private static int parseSeverity(String v) {
        String s = v.trim();
        if (s.length() == 1 && s.charAt(0) >= '0' && s.charAt(0) <= '7') {
            return s.charAt(0) - '0';
        }
        Integer n = SEVERITIES.get(s.toUpperCase(Locale.ROOT));
        if (n == null) {
            throw new IllegalArgumentException("unknown severity '" + v + "'");
        }
        return n;
    }

    private static int parseStatus(String v) {
        try {
            int s = Integer.parseInt(v.trim());
            if (s < 100 || s > 999) {
                throw new IllegalArgumentException("status must be 100-999, got '" + v + "'");
            }
            return s;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("status must be a number, got '" + v + "'", e);
        }
    }

    private static int parseSkip(String v) {
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 1) {
                throw new IllegalArgumentException("skip must be at least 1, got '" + v + "'");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("skip must be a number, got '" + v + "'", e);
        }
    }

    private static AllowScope parseAllow(String v) {
        if (v == null || v.isBlank()) {
            return AllowScope.ALL;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "phase" -> AllowScope.PHASE;
            case "request" -> AllowScope.REQUEST;
            default -> throw new IllegalArgumentException("allow takes 'phase' or 'request', got '" + v + "'");
        };
    }
}
