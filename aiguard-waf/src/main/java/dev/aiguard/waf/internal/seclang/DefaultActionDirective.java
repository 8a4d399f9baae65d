package dev.aiguard.waf.internal.seclang;

import java.util.List;

/** {@code SecDefaultAction "phase:2,log,auditlog,pass"}: defaults for the rules of one phase. */
public record DefaultActionDirective(List<ActionSpec> actions, SourceLocation location) implements Directive {
    public DefaultActionDirective {
        actions = List.copyOf(actions);
    }
}
