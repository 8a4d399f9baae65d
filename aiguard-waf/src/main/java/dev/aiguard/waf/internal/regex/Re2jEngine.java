package dev.aiguard.waf.internal.regex;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

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
        return compileRe2j(pattern);
    }

    /** {@link #compile} with the concrete type, for engines that build on RE2/J. */
    Re2jPattern compileRe2j(String pattern) {
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
}
