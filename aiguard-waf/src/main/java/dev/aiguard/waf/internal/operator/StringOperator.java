package dev.aiguard.waf.internal.operator;

/** {@code @contains}, {@code @containsWord}, {@code @beginsWith}, {@code @endsWith}, {@code @streq}, {@code @within}. */
final class StringOperator implements Operator {

    private final StringTest test;
    private final MacroText argument;

    StringOperator(StringTest test, MacroText argument) {
        this.test = test;
        this.argument = argument;
    }

    @Override
    public boolean evaluate(String value, OperatorContext context) {
        return test.test(value, argument.resolve(context));
    }
}
