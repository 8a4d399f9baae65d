package dev.aiguard.waf.internal.engine;

/**
 * The transaction was stopped by a disruptive action.
 *
 * @param ruleId the rule that stopped it
 * @param phase  the phase
 * @param action deny, drop or redirect
 * @param status the HTTP status to answer with
 */
public record Interruption(int ruleId, int phase, Disruptive action, int status) {
}
