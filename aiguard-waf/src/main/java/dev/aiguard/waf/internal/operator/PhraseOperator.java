package dev.aiguard.waf.internal.operator;

import java.util.List;

/**
 * {@code @pm} and {@code @pmFromFile}: case-insensitive match of any of a set of phrases. With
 * {@code capture}, reports the phrase that matched (as written in the rule or file).
 */
final class PhraseOperator implements Operator {

    private final PhraseMatcher matcher;

    PhraseOperator(PhraseMatcher matcher) {
        this.matcher = matcher;
    }

    @Override
    public boolean evaluate(String value, OperatorContext context) {
        String phrase = matcher.findFirst(value);
        if (phrase == null) {
            return false;
        }
        if (context.captureEnabled()) {
            context.captured(List.of(phrase));
        }
        return true;
    }
}
