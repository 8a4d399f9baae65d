package dev.aiguard.waf.internal.seclang;

import java.util.List;

/** {@code SecAction "ACTIONS"}: a rule that always matches. */
public record ActionDirective(List<ActionSpec> actions, SourceLocation location) implements Directive {
    public ActionDirective {
        actions = List.copyOf(actions);
    }
}
