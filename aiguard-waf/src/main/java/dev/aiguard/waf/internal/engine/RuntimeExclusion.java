package dev.aiguard.waf.internal.engine;

/**
 * A target removed from some rules at runtime by {@code ctl:ruleRemoveTargetById/ByTag/ByMsg}.
 *
 * @param kind   how rules are selected
 * @param spec   the id (range), tag or msg
 * @param target the removed target
 */
record RuntimeExclusion(CtlAction.Kind kind, String spec, CompiledTarget target) {

    boolean appliesTo(CompiledRule rule) {
        return switch (kind) {
            case RULE_REMOVE_TARGET_BY_ID -> RuleSelection.idMatches(spec, rule.id());
            case RULE_REMOVE_TARGET_BY_TAG -> RuleSelection.anyTextMatches(spec, rule.tags());
            case RULE_REMOVE_TARGET_BY_MSG -> RuleSelection.textMatches(spec, rule.msgText());
            default -> false;
        };
    }
}
