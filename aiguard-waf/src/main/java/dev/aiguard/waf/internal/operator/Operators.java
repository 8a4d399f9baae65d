package dev.aiguard.waf.internal.operator;

/** Compiles operators by name. */
public final class Operators {

    private Operators() {
    }

    /**
     * @param name     the operator name without {@code @} ({@code rx}, {@code pmFromFile}, ...)
     * @param argument the argument as written (may contain macros for the non-regex operators)
     * @throws IllegalArgumentException for an unknown operator or a bad argument (the message says which)
     */
    public static Operator create(String name, String argument, OperatorEnv env) {
        throw new IllegalArgumentException("unknown operator '@" + name + "'");
    }
}
