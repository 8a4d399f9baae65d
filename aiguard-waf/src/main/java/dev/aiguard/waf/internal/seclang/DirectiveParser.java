package dev.aiguard.waf.internal.seclang;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns one tokenized directive into a {@link Directive}. Directive names are case-insensitive, as
 * in ModSecurity. {@code Include} is not handled here: it needs the file system, see
 * {@link SecLangParser}.
 */
final class DirectiveParser {
    private static final Arity RULE = new Arity(2, 3);
    private static final Arity ONE = Arity.exactly(1);
    private static final Arity AT_LEAST_ONE = new Arity(1, Arity.UNLIMITED);
    private static final Arity UPDATE_TARGETS = new Arity(2, 3);
    private static final Arity TWO = Arity.exactly(2);

    private final Settings settings = new Settings();

    /**
     * Parses the directive {@code name} with its arguments.
     *
     * @throws SyntaxError when the name is unknown or an argument is malformed
     */
    Directive parse(String name, List<String> args, SourceLocation location) {
        String lower = name.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "secrule":
                return rule(args, location);
            case "secaction":
                ONE.check("SecAction", args);
                return new ActionDirective(ActionListParser.parse(args.get(0)), location);
            case "secmarker":
                return marker(args, location);
            case "secdefaultaction":
                ONE.check("SecDefaultAction", args);
                return new DefaultActionDirective(ActionListParser.parse(args.get(0)), location);
            case "secruleremovebyid":
                return removeById(args, location);
            case "secruleremovebytag":
                ONE.check("SecRuleRemoveByTag", args);
                return new RemoveRulesDirective(RuleSelector.BY_TAG, List.of(nonEmpty("SecRuleRemoveByTag", args)),
                        location);
            case "secruleremovebymsg":
                ONE.check("SecRuleRemoveByMsg", args);
                return new RemoveRulesDirective(RuleSelector.BY_MSG, List.of(nonEmpty("SecRuleRemoveByMsg", args)),
                        location);
            case "secruleupdatetargetbyid":
                UPDATE_TARGETS.check("SecRuleUpdateTargetById", args);
                return updateTargets(RuleSelector.BY_ID, RuleIds.idOrRange(args.get(0)), args, location);
            case "secruleupdatetargetbytag":
                UPDATE_TARGETS.check("SecRuleUpdateTargetByTag", args);
                return updateTargets(RuleSelector.BY_TAG, nonEmpty("SecRuleUpdateTargetByTag", args), args, location);
            case "secruleupdatetargetbymsg":
                UPDATE_TARGETS.check("SecRuleUpdateTargetByMsg", args);
                return updateTargets(RuleSelector.BY_MSG, nonEmpty("SecRuleUpdateTargetByMsg", args), args, location);
            case "secruleupdateactionbyid":
                TWO.check("SecRuleUpdateActionById", args);
                return new UpdateActionsDirective(RuleIds.id(args.get(0)), ActionListParser.parse(args.get(1)),
                        location);
            default:
                return setting(lower, name, args, location);
        }
    }

    private static RuleDirective rule(List<String> args, SourceLocation location) {
        RULE.check("SecRule", args);
        List<Target> targets = TargetListParser.parse(args.get(0));
        OperatorSpec operator = OperatorParser.parse(args.get(1));
        List<ActionSpec> actions = args.size() > 2 ? ActionListParser.parse(args.get(2)) : List.of();
        return new RuleDirective(targets, operator, actions, location);
    }

    private static MarkerDirective marker(List<String> args, SourceLocation location) {
        ONE.check("SecMarker", args);
        String name = args.get(0).strip();
        if (name.isEmpty()) {
            throw new SyntaxError("SecMarker name is empty");
        }
        return new MarkerDirective(name, location);
    }

    private static RemoveRulesDirective removeById(List<String> args, SourceLocation location) {
        AT_LEAST_ONE.check("SecRuleRemoveById", args);
        List<String> values = new ArrayList<>();
        for (String arg : args) {
            values.addAll(RuleIds.idsAndRanges(arg));
        }
        if (values.isEmpty()) {
            throw new SyntaxError("SecRuleRemoveById has no rule id");
        }
        return new RemoveRulesDirective(RuleSelector.BY_ID, values, location);
    }

    private static UpdateTargetsDirective updateTargets(RuleSelector selector, String value, List<String> args,
                                                        SourceLocation location) {
        List<Target> targets = TargetListParser.parse(args.get(1));
        Target replaced = null;
        if (args.size() > 2) {
            List<Target> replacedList = TargetListParser.parse(args.get(2));
            if (replacedList.size() != 1) {
                throw new SyntaxError("the replaced target must be a single target, got " + Excerpt.quoted(args.get(2)));
            }
            replaced = replacedList.get(0);
        }
        return new UpdateTargetsDirective(selector, value, targets, replaced, location);
    }

    /** The first argument, which selects rules by tag or msg and must not be empty. */
    private static String nonEmpty(String directive, List<String> args) {
        String value = args.get(0);
        if (value.isBlank()) {
            throw new SyntaxError(directive + " needs a non-empty selector");
        }
        return value;
    }

    private SettingDirective setting(String lower, String written, List<String> args, SourceLocation location) {
        Settings.Setting setting = settings.find(lower);
        if (setting == null) {
            throw new SyntaxError("unknown directive " + Excerpt.quoted(written));
        }
        setting.arity().check(setting.name(), args);
        return new SettingDirective(setting.name(), String.join(" ", args), location);
    }
}
