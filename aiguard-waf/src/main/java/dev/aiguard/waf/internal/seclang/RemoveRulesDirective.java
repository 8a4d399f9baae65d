package dev.aiguard.waf.internal.seclang;

import java.util.List;

/** {@code SecRuleRemoveById 1 2 10-20}, {@code SecRuleRemoveByTag "tag"}, {@code SecRuleRemoveByMsg "msg"}. */
public record RemoveRulesDirective(RuleSelector selector, List<String> values, SourceLocation location)
        implements Directive {
    public RemoveRulesDirective {
        values = List.copyOf(values);
    }
}
