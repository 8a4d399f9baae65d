package dev.aiguard.waf.internal.regex;

import com.gliwka.hyperscan.jni.hs_database_t;

import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A pattern compiled by {@link HyperscanEngine}: a Hyperscan database (exact, split or prefilter) plus the
 * RE2/J pattern that confirms prefilter hits and extracts groups. A prefilter pattern may be upgraded once to
 * {@link HyperscanEngine.Mode#SPLIT} when its split database finishes compiling in the background; both give
 * the same answers, the split one faster.
 */
final class HyperscanPattern implements CompiledPattern {

    /** How the pattern is evaluated right now; replaced as a whole, never mutated. */
    private record Route(HyperscanEngine.Mode mode, hs_database_t database, List<String> pieces,
                         AtomicReferenceArray<Re2jPattern> pieceRe2j) {
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
        this.route = new Route(mode, database, List.of(), null);
    }

    /** Switches to a split database of {@code pieces} (Hyperscan id = index in the list). */
    void useSplit(hs_database_t database, List<String> pieces) {
        route = new Route(HyperscanEngine.Mode.SPLIT, database, List.copyOf(pieces),
                new AtomicReferenceArray<>(pieces.size()));
    }

    @Override
    public String pattern() {
        return re2j.pattern();
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

    @Override
    public List<String> findGroups(String input, int maxGroups) {
        Route r = route;
        if (r.mode() == HyperscanEngine.Mode.SPLIT) {
            return findGroupsSplit(r, input, maxGroups);
        }
        if (r.mode() != HyperscanEngine.Mode.RE2J_ONLY && !engine.scan(r.database(), input)) {
            return null;
        }
        return re2j.findGroups(input, maxGroups);
    }

    /**
     * The pattern matches at an offset exactly when one of its pieces does, so the leftmost match of the
     * whole pattern starts where the leftmost match of the matching pieces starts. Searching from there gives
     * RE2/J's answer for the whole input (nothing starts earlier), while the large program does not walk the
     * text before the match.
     */
    private List<String> findGroupsSplit(Route r, String input, int maxGroups) {
        int[] ids = engine.matchingIds(r.database(), input);
        if (ids.length == 0) {
            return null;
        }
        int start = Integer.MAX_VALUE;
        for (int id : ids) {
            int s = piece(r, id).leftmostStart(input);
            if (s >= 0 && s < start) {
                start = s;
            }
        }
        // Hyperscan and RE2/J agree on every piece (engine parity); should they ever not, search it all.
        return re2j.findGroups(input, start == Integer.MAX_VALUE ? 0 : start, maxGroups);
    }

    private Re2jPattern piece(Route r, int id) {
        Re2jPattern p = r.pieceRe2j().get(id);
        if (p == null) {
            p = engine.re2jPiece(r.pieces().get(id));
            r.pieceRe2j().compareAndSet(id, null, p);
        }
        return p;
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
