package dev.aiguard.waf;

/**
 * A disruptive action stopped the transaction ({@code deny}, {@code drop}, {@code redirect}). Never happens
 * in DetectionOnly mode.
 *
 * @param ruleId the rule that stopped it
 * @param phase  the phase
 * @param action {@code deny}, {@code drop} or {@code redirect}
 * @param status the HTTP status to answer with
 */
public record WafInterruption(int ruleId, int phase, String action, int status) {
}
