package dev.aiguard.waf.internal.engine;

/**
 * A non-disruptive action that runs each time a rule (or chain link) matches a value: {@code setvar},
 * {@code ctl}, and the accepted no-ops ({@code initcol}, {@code setenv}, ...).
 */
public sealed interface MatchAction permits SetVarAction, CtlAction, NoOpAction {

    /** Applies the action to the running transaction. */
    void apply(Transaction tx);
}
