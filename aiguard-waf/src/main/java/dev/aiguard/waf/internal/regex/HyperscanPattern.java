package dev.aiguard.waf.internal.regex;

import com.gliwka.hyperscan.jni.hs_database_t;

import java.util.List;

/**
 * A pattern compiled by {@link HyperscanEngine}: a Hyperscan database (exact, split or prefilter) plus the
 * RE2/J pattern that confirms prefilter hits and extracts groups. A prefilter pattern may be upgraded once to
 * {@link HyperscanEngine.Mode#SPLIT} when its split database finishes compiling in the background; both give
 * the same answers, the split one faster.
 */
final class HyperscanPattern implements CompiledPattern {

    /** How the pattern is evaluated right now; replaced as a whole, never mutated. */
    private record Route(HyperscanEngine.Mode mode, hs_database_t database, List<String> pieces) {
    }

    private final HyperscanEngine engine;
    private final Re2jPattern re2j;
    private final String fallbackReason;
    private volatile Route route;

    HyperscanPattern(HyperscanEngine engine, Re2jPattern re2j, hs_database_t database,
                     HyperscanEngine.Mode mode, String fallbackReason) {
        this.engine = engine;
        this.re2j = re2j;
        this.fallbackReason = fallbackReason;
        this.route = new Route(mode, database, List.of());
    }

    /** Switches to a split database of {@code pieces} (Hyperscan id = index in the list). */
    void useSplit(hs_database_t database, List<String> pieces) {
        route = new Route(HyperscanEngine.Mode.SPLIT, database, List.copyOf(pieces));
    }

    @Override
    public String pattern() {
        return re2j.pattern();
    }

    @Override
    public int groupCount() {
        return re2j.groupCount();
    }

    @Override
    public boolean find(String input) {
        Route r = route;
        return switch (r.mode()) {
            case EXACT, SPLIT -> engine.scan(r.database(), input);
            case PREFILTER -> engine.scan(r.database(), input) && re2j.find(input);
            case RE2J_ONLY -> re2j.find(input);
        };
    }

    /**
     * RE2/J on the whole input, once Hyperscan has said there is a match. For split patterns this was measured
     * against finding the leftmost start through RE2/J on the matching pieces first: on 300 chat prompts
     * (2.1 KB average) that was slower than one RE2/J pass, because dozens of pieces match a prompt that
     * matches at all.
     */
    @Override
    public List<String> findGroups(String input, int maxGroups) {
        Route r = route;
        if (r.mode() != HyperscanEngine.Mode.RE2J_ONLY && !engine.scan(r.database(), input)) {
            return null;
        }
        return re2j.findGroups(input, maxGroups);
    }

    /** How this pattern is evaluated now. */
    HyperscanEngine.Mode mode() {
        return route.mode();
    }

    /** The pieces of a {@link HyperscanEngine.Mode#SPLIT} pattern; empty otherwise. */
    List<String> pieces() {
        return route.pieces();
    }

    /** Hyperscan's reason for not compiling the pattern exactly; empty for {@link HyperscanEngine.Mode#EXACT}. */
    String fallbackReason() {
        return fallbackReason;
    }

    @Override
    public String toString() {
        return "HyperscanPattern[" + mode() + ", " + pattern() + "]";
    }
}
