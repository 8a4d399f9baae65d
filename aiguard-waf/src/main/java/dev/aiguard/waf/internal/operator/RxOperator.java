package dev.aiguard.waf.internal.operator;

import dev.aiguard.waf.internal.regex.CompiledPattern;

import java.util.List;

/**
 * {@code @rx}: regular expression match, compiled once at load time (macros are not expanded in
 * {@code @rx}). With {@code capture}, reports the whole match and groups 1..9.
 */
final class RxOperator implements Operator {

    static final int MAX_CAPTURE_GROUPS = 9;

    private final CompiledPattern pattern;

    RxOperator(CompiledPattern pattern) {
        this.pattern = pattern;
    }

    @Override
    public boolean evaluate(String value, OperatorContext context) {
        if (!context.captureEnabled()) {
            return pattern.find(value);
        }
        List<String> groups = pattern.findGroups(value, MAX_CAPTURE_GROUPS);
        if (groups == null) {
            return false;
        }
        context.captured(groups);
        return true;
    }
}
