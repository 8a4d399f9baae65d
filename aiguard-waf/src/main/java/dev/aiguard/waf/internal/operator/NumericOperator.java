package dev.aiguard.waf.internal.operator;

/**
 * {@code @eq @ne @gt @ge @lt @le}. Both the value and the (macro-expanded) argument are read as
 * leading integers ({@link NumericComparison#parseLeadingInteger}); a constant argument is parsed once.
 */
final class NumericOperator implements Operator {

    private final NumericComparison comparison;
    private final MacroText argument;
    private final long constant;

    NumericOperator(NumericComparison comparison, MacroText argument) {
        this.comparison = comparison;
        this.argument = argument;
        this.constant = NumericComparison.parseLeadingInteger(argument.text());
    }

    @Override
    public boolean evaluate(String value, OperatorContext context) {
        long right = argument.hasMacros()
                ? NumericComparison.parseLeadingInteger(argument.resolve(context))
                : constant;
        return comparison.test(NumericComparison.parseLeadingInteger(value), right);
    }
}
