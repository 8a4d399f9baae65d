package dev.aiguard.waf.internal.operator;

/**
 * An operator argument: constant, or holding {@code %{...}} macros that are expanded through the
 * transaction on every evaluation.
 *
 * @param text      the argument as written
 * @param hasMacros {@code true} when it contains {@code %{}
 */
record MacroText(String text, boolean hasMacros) {

    static MacroText of(String text) {
        return new MacroText(text, text.contains("%{"));
    }

    /** The argument's value for this evaluation. */
    String resolve(OperatorContext context) {
        return hasMacros ? context.expandMacros(text) : text;
    }
}
