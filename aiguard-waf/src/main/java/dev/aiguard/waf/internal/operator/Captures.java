package dev.aiguard.waf.internal.operator;

import dev.aiguard.waf.internal.regex.CompiledPattern;

import java.util.Collections;
import java.util.List;

/**
 * The groups of one capturing match (TX:0 is the whole match or the matched phrase, then groups 1..9). A regex
 * match's groups are computed only when first read: for the large CRS alternations, working out the groups costs
 * far more than deciding that there is a match, and most matches are never asked for them (the CRS reads
 * {@code %{TX.0}} only in {@code logdata}). How many groups a match has is known without running it.
 * Thread-safe: computing is a pure function of the pattern and the input, so racing readers agree.
 */
public final class Captures {

    private final CompiledPattern pattern;
    private final String input;
    private final int maxGroups;
    private final int count;
    private volatile List<String> groups;

    private Captures(CompiledPattern pattern, String input, int maxGroups, int count, List<String> groups) {
        this.pattern = pattern;
        this.input = input;
        this.maxGroups = maxGroups;
        this.count = count;
        this.groups = groups;
    }

    /** Groups known already (a phrase, a detector's fingerprint, a test). */
    public static Captures of(List<String> groups) {
        List<String> copy = List.copyOf(groups);
        return new Captures(null, null, 0, copy.size(), copy);
    }

    /**
     * The groups of {@code pattern}'s leftmost match in {@code input}, which the caller has found to exist;
     * computed on first read.
     */
    public static Captures deferred(CompiledPattern pattern, String input, int maxGroups) {
        int count = Math.min(Math.max(maxGroups, 0), pattern.groupCount()) + 1;
        return new Captures(pattern, input, maxGroups, count, null);
    }

    /** How many groups there are (the whole match included); known without computing them. */
    public int count() {
        return count;
    }

    /** Group {@code index} (0 = whole match); {@code ""} for a group that did not take part. */
    public String group(int index) {
        return groups().get(index);
    }

    /** All groups, computing them if needed. */
    public List<String> groups() {
        List<String> g = groups;
        if (g == null) {
            g = pattern.findGroups(input, maxGroups);
            if (g == null) {
                // Only if the engine's find and findGroups disagreed (CrsEngineParityTest guards against it):
                // the rule has matched already, so its captures are empty rather than absent.
                g = Collections.nCopies(count, "");
            }
            groups = g;
        }
        return g;
    }
}
