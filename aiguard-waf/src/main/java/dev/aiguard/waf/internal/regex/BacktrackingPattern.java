package dev.aiguard.waf.internal.regex;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pattern run by {@link BacktrackingEngine}: java.util.regex over a {@link StepBudgetText} whose
 * budget is {@value #BASE_STEPS} + {@value #STEPS_PER_CHAR} x input length char reads.
 *
 * <p>A match that spends its budget, or overflows the thread's stack (java.util.regex recurses once
 * per repetition of some groups), is <em>aborted</em>, and an aborted match counts as a match:
 * {@code find} says yes and {@code findGroups} returns the whole input as group 0 and {@code ""} for
 * every group. This is fail-closed on purpose. Whether a pattern blows up depends on the input, which
 * the client controls; if blowing up meant "no match", padding a payload until the budget runs out
 * would be a reliable way past exactly the rules that need this fallback. The budget is far above
 * what ordinary values need (see docs/crs.md), so benign traffic does not hit it. The first abort of
 * each pattern is logged at WARN. Thread-safe.
 */
final class BacktrackingPattern implements CompiledPattern {

    /** Steps every match may take, whatever the input length: room for patterns with long literal parts. */
    static final long BASE_STEPS = 10_000;
    /** Steps per input char: a linear allowance that still stops exponential (and deep polynomial) backtracking. */
    static final long STEPS_PER_CHAR = 100;

    private static final Logger LOG = LoggerFactory.getLogger(BacktrackingPattern.class);

    private final String pattern;
    private final Pattern compiled;
    private final int groupCount;
    private final AtomicBoolean abortLogged = new AtomicBoolean();

    BacktrackingPattern(String pattern, Pattern compiled) {
        this.pattern = pattern;
        this.compiled = compiled;
        this.groupCount = compiled.matcher("").groupCount();
    }

    /** The step budget of one match on an input of {@code length} chars. */
    static long budget(int length) {
        return BASE_STEPS + STEPS_PER_CHAR * length;
    }

    @Override
    public String pattern() {
        return pattern;
    }

    @Override
    public int groupCount() {
        return groupCount;
    }

    @Override
    public boolean find(String input) {
        try {
            return compiled.matcher(new StepBudgetText(input, budget(input.length()))).find();
        } catch (StepBudgetText.Exhausted | StackOverflowError e) {
            aborted(input, e);
            return true;
        }
    }

    /**
     * How many char reads {@link #find} makes on {@code input}, or -1 when the match is aborted: a count of the
     * work done that does not depend on the machine's speed (used to check linearity).
     */
    long findSteps(String input) {
        long budget = budget(input.length());
        StepBudgetText text = new StepBudgetText(input, budget);
        try {
            compiled.matcher(text).find();
            return budget - text.remaining();
        } catch (StepBudgetText.Exhausted | StackOverflowError e) {
            return -1;
        }
    }

    @Override
    public List<String> findGroups(String input, int maxGroups) {
        int groups = Math.min(Math.max(maxGroups, 0), groupCount);
        List<String> result = new ArrayList<>(groups + 1);
        try {
            Matcher matcher = compiled.matcher(new StepBudgetText(input, budget(input.length())));
            if (!matcher.find()) {
                return null;
            }
            for (int g = 0; g <= groups; g++) {
                int start = matcher.start(g);
                // Substring the caller's input, not the budgeted view, so chars come back exactly as given.
                result.add(start < 0 ? "" : input.substring(start, matcher.end(g)));
            }
        } catch (StepBudgetText.Exhausted | StackOverflowError e) {
            aborted(input, e);
            result.clear();
            result.add(input);
            result.addAll(Collections.nCopies(groups, ""));
        }
        return Collections.unmodifiableList(result);
    }

    private void aborted(String input, Throwable why) {
        if (abortLogged.compareAndSet(false, true)) {
            String reason = why instanceof StackOverflowError ? "stack overflow"
                    : "step budget of " + budget(input.length()) + " char reads";
            LOG.warn("Backtracking regex fallback aborted a match on a {}-byte value ({}); counted as a match "
                    + "(fail-closed). Logged once per pattern. Pattern: {}", input.length(), reason, pattern);
        }
    }

    @Override
    public String toString() {
        return "BacktrackingPattern[" + pattern + "]";
    }
}
