package dev.aiguard.waf.internal.regex;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One RE2/J pattern compiled by {@link Re2jEngine}; RE2J {@link Pattern}s are immutable and thread-safe.
 *
 * @param pattern  the source pattern
 * @param compiled the RE2J pattern of its {@link PatternRewriter.Dialect#RE2J} rewrite
 */
record Re2jPattern(String pattern, Pattern compiled) implements CompiledPattern {

    @Override
    public int groupCount() {
        return compiled.groupCount();
    }

    @Override
    public boolean find(String input) {
        return compiled.matcher(ByteText.forRe2j(input)).find();
    }

    @Override
    public List<String> findGroups(String input, int maxGroups) {
        Matcher matcher = compiled.matcher(ByteText.forRe2j(input));
        if (!matcher.find()) {
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
}
