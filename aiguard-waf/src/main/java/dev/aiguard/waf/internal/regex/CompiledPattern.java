package dev.aiguard.waf.internal.regex;

import java.util.List;

/**
 * One compiled regular expression. Inputs are byte strings (one char per byte, ISO-8859-1).
 * Semantics are the same for every engine: DOTALL, not multiline; {@code $} matches only at the very
 * end of the input; {@code \s} is {@code [\t\n\f\r ]} plus VT (0x0B). Instances are thread-safe.
 */
public interface CompiledPattern {

    /** The source pattern. */
    String pattern();

    /** The number of capture groups ({@link #findGroups} returns at most this many plus the whole match). */
    int groupCount();

    /** {@code true} if the pattern matches anywhere in the input. */
    boolean find(String input);

    /**
     * The leftmost match's groups: index 0 is the whole match, then up to {@code maxGroups} capture
     * groups (a group that did not take part is {@code ""}). {@code null} when there is no match.
     */
    List<String> findGroups(String input, int maxGroups);
}
