package dev.aiguard.waf.internal.seclang;

/**
 * One parsed SecLang directive. The parser returns directives flat and in file order; grouping
 * chained rules and resolving markers, defaults and exclusions is the rule compiler's job.
 */
public sealed interface Directive
        permits RuleDirective, ActionDirective, MarkerDirective, DefaultActionDirective,
                SettingDirective, RemoveRulesDirective, UpdateTargetsDirective, UpdateActionsDirective {

    SourceLocation location();
}
