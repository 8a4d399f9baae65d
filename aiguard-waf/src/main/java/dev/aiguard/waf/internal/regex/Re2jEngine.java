package dev.aiguard.waf.internal.regex;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Portable regex engine on RE2/J: linear time, no native code. Patterns are rewritten by
 * {@link PatternRewriter} so that {@code \s}, {@code $}, high bytes and case folding follow the
 * {@link CompiledPattern} semantics. Thread-safe; holds no native resources.
 */
public final class Re2jEngine implements RegexEngine {

    @Override
    public String name() {
        return "re2j";
    }

    @Override
    public CompiledPattern compile(String pattern) {
        if (pattern == null) {
            throw new IllegalArgumentException("pattern is null");
        }
        String rewritten = PatternRewriter.rewrite(pattern, PatternRewriter.Dialect.RE2J);
        try {
            return new Re2jPattern(pattern, Pattern.compile(rewritten, Pattern.DOTALL));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("RE2/J cannot compile pattern: " + e.getMessage(), e);
        }
    }

    /** One RE2/J pattern; RE2J {@link Pattern}s are immutable and thread-safe. */
    private record Re2jPattern(String pattern, Pattern compiled) implements CompiledPattern {

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
}
