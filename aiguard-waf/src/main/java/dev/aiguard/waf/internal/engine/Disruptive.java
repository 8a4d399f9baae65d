package dev.aiguard.waf.internal.engine;

/** The disruptive action a rule resolves to. {@code block} is resolved to its phase's default at load time. */
public enum Disruptive {
    PASS, DENY, DROP, ALLOW, REDIRECT;

    /** {@code true} for actions that end the transaction with an error status. */
    public boolean interrupts() {
        return this == DENY || this == DROP || this == REDIRECT;
    }
}
