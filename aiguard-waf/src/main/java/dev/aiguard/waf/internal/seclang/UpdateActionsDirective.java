package dev.aiguard.waf.internal.seclang;

import java.util.List;

/** {@code SecRuleUpdateActionById 942100 "t:none,pass"}: replaces or adds actions of one rule. */
public record UpdateActionsDirective(String id, List<ActionSpec> actions, SourceLocation location)
        implements Directive {
    public UpdateActionsDirective {
        actions = List.copyOf(actions);
    }
}
