package dev.aiguard.waf.internal.operator;

/** {@code @unconditionalMatch} (always true) and {@code @noMatch} (always false). */
enum ConstantOperator implements Operator {
    UNCONDITIONAL_MATCH(true),
    NO_MATCH(false);

    private final boolean result;

    ConstantOperator(boolean result) {
        this.result = result;
    }

    @Override
    public boolean evaluate(String value, OperatorContext context) {
        return result;
    }
}
