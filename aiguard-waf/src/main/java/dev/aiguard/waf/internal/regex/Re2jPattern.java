package dev.aiguard.waf.internal.regex;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One RE2/J pattern compiled by {@link Re2jEngine}; RE2J {@link Pattern}s are immutable and thread-safe.
 * Besides the {@link CompiledPattern} methods it can search from a given offset, which
 * {@link HyperscanEngine} uses to run RE2/J only where it already knows the leftmost match starts.
 *
 * @param pattern  the source pattern
 * @param compiled the RE2J pattern of its {@link PatternRewriter.Dialect#RE2J} rewrite
 */
record Re2jPattern(String pattern, Pattern compiled) implements CompiledPattern {

    @Override
    public boolean find(String input) {
        return compiled.matcher(ByteText.forRe2j(input)).find();
    }

    @Override
    public List<String> findGroups(String input, int maxGroups) {
        return findGroups(input, 0, maxGroups);
    }

    /**
     * Like {@link #findGroups(String, int)}, but the search starts at {@code from}. The text before
     * {@code from} still counts as context ({@code \b}, {@code ^}), so when no match starts before
     * {@code from} the answer equals a search from 0.
     */
    List<String> findGroups(String input, int from, int maxGroups) {
        Matcher matcher = compiled.matcher(ByteText.forRe2j(input));
        if (!matcher.find(from)) {
            return null;
        }
        int groups = Math.min(Math.max(maxGroups, 0), matcher.groupCount());
        List<String> result = new ArrayList<>(groups + 1);
        for (int g = 0; g <= groups; g++) {
            int start = matcher.start(g);
            // Substring the caller's input, not the mapped copy, so high bytes come back as bytes.
            result.add(start < 0 ? "" : input.substring(start, matcher.end(g)));
        }
        return Collections.unmodifiableList(result);
    }

    /** Where the leftmost match starts, or -1 when there is none. */
    int leftmostStart(String input) {
        Matcher matcher = compiled.matcher(ByteText.forRe2j(input));
        return matcher.find() ? matcher.start() : -1;
    }
}
