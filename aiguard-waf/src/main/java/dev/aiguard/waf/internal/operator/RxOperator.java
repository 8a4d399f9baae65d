package dev.aiguard.waf.internal.operator;

import dev.aiguard.waf.internal.regex.CompiledPattern;

/**
 * {@code @rx}: regular expression match, compiled once at load time (macros are not expanded in
 * {@code @rx}). With {@code capture}, reports the whole match and groups 1..9 (computed when read).
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
        // Only the match is decided now; the groups are computed if something reads TX:0-9.
        if (!pattern.find(value)) {
            return false;
        }
        context.captured(Captures.deferred(pattern, value, MAX_CAPTURE_GROUPS));
        return true;
    }
}
