package dev.aiguard.waf.internal.seclang;

import java.util.List;

/** {@code SecRule TARGETS "OPERATOR" "ACTIONS"} (actions optional). */
public record RuleDirective(List<Target> targets, OperatorSpec operator, List<ActionSpec> actions,
                            SourceLocation location) implements Directive {
    public RuleDirective {
        targets = List.copyOf(targets);
        actions = List.copyOf(actions);
    }
}
