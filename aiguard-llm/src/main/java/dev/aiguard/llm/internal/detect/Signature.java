package dev.aiguard.llm.internal.detect;

import com.google.re2j.Pattern;
import java.util.List;

/**
 * One fast-pass rule over normalized prompt text. The RE2/J pattern (linear time, no backtracking) only runs when one
 * of the literal {@code keywords} occurs, which keeps the common case to a few {@code indexOf} calls.
 *
 * @param name     stable name, e.g. {@code override.ignore_previous}
 * @param ruleId   the finding's rule id: {@code prompt.injection}, {@code prompt.jailbreak}, {@code prompt.extraction},
 *                 {@code prompt.delimiter} or {@code prompt.encoding}
 * @param score    detector score 0..1 when it matches
 * @param keywords literal prefilter (lower case); at least one must occur
 * @param pattern  the rule itself, applied to normalized (lower-case) text
 * @param negatable whether a negation just before the match ("never reveal your system prompt") cancels it; RE2 has
 *                 no look-behind, so this is checked in code
 */
public record Signature(String name, String ruleId, double score, List<String> keywords, Pattern pattern,
                        boolean negatable) {

    /**
     * Words just before a match that make it a mention rather than an instruction: negations ("never reveal your
     * system prompt") and the way defensive system prompts quote attacks ("if the user says 'ignore previous...'").
     */
    private static final List<String> NEGATIONS = List.of("never ", "not ", "n't ", "nor ", "refuse to ", "without ",
            "avoid ", "cannot ", "won't ", "such as", "like \"", "like \u201c", "example", "e.g", "if the user", "if a user",
            "when the user", "when a user", "user says", "users say", "user asks", "users ask", "requests to",
            "prompted with", "attempts", "trick");

    public Signature {
        keywords = List.copyOf(keywords);
    }

    /** Builds a signature from RE2 syntax. */
    public static Signature of(String name, String ruleId, double score, List<String> keywords, String regex) {
        return new Signature(name, ruleId, score, keywords, Pattern.compile(regex), false);
    }

    /** Builds a signature that a preceding negation cancels. */
    public static Signature negatable(String name, String ruleId, double score, List<String> keywords, String regex) {
        return new Signature(name, ruleId, score, keywords, Pattern.compile(regex), true);
    }

    /** The first match in {@code normalized}, or -1. Bounded: RE2/J is linear in the text. */
    public int find(String normalized) {
        for (String k : keywords) {
            if (normalized.contains(k)) {
                com.google.re2j.Matcher m = pattern.matcher(normalized);
                while (m.find()) {
                    if (!negatable || !negated(normalized, m.start())) {
                        return m.start();
                    }
                }
                return -1;
            }
        }
        return -1;
    }

    private static boolean negated(String text, int start) {
        String before = text.substring(Math.max(0, start - 24), start);
        for (String n : NEGATIONS) {
            if (before.contains(n)) {
                return true;
            }
        }
        return false;
    }
}
