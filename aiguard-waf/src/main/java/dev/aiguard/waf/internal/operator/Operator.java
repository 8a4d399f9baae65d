package dev.aiguard.waf.internal.operator;

/** A compiled SecLang operator ({@code @rx}, {@code @pm}, {@code @eq}, ...). Thread-safe. */
public interface Operator {

    /**
     * Evaluates the operator on one (transformed) value. Negation ({@code !@op}) is applied by the
     * caller, not here.
     */
    boolean evaluate(String value, OperatorContext context);
}
