package dev.aiguard.waf.internal.regex;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The bounded PCRE-compatible fallback: java.util.regex, for the few patterns that need what only a
 * backtracking engine has (lookbehind, lookahead, back references, possessive quantifiers, atomic
 * groups). Never an engine of its own: {@link FallbackEngine} uses it only for patterns RE2/J rejects.
 *
 * <p>Patterns are translated by {@link PatternRewriter} ({@link PatternRewriter.Dialect#JAVA}) so the
 * {@link CompiledPattern} semantics hold: DOTALL, {@code $} only at the very end, {@code \s} with VT,
 * bytes as chars 0-255 with ASCII-only case folding and ASCII word chars. Every match runs under a
 * step budget linear in the input length; see {@link BacktrackingPattern} for what an aborted match
 * means. Holds no native resources.
 */
final class BacktrackingEngine implements RegexEngine {

    @Override
    public String name() {
        return "backtracking";
    }

    @Override
    public CompiledPattern compile(String pattern) {
        if (pattern == null) {
            throw new IllegalArgumentException("pattern is null");
        }
        String translated = PatternRewriter.rewrite(pattern, PatternRewriter.Dialect.JAVA);
        try {
            // No CASE_INSENSITIVE/UNICODE_CASE here: (?i) in the pattern folds ASCII only, as PCRE without UTF.
            return new BacktrackingPattern(pattern, Pattern.compile(translated, Pattern.DOTALL));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("the backtracking fallback cannot compile pattern: "
                    + e.getDescription() + " in: " + pattern, e);
        } catch (StackOverflowError e) {
            throw new IllegalArgumentException("pattern is nested too deeply for the backtracking fallback: "
                    + pattern, e);
        }
    }
}
