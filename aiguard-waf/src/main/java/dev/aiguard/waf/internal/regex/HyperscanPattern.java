package dev.aiguard.waf.internal.regex;

import com.gliwka.hyperscan.jni.hs_database_t;

import java.util.List;

/**
 * A pattern compiled by {@link HyperscanEngine}: a Hyperscan database (exact or prefilter) plus the
 * RE2/J pattern that confirms prefilter hits and extracts groups.
 */
final class HyperscanPattern implements CompiledPattern {

    private final HyperscanEngine engine;
    private final CompiledPattern re2j;
    private final hs_database_t database;
    private final HyperscanEngine.Mode mode;
    private final String fallbackReason;

    HyperscanPattern(HyperscanEngine engine, CompiledPattern re2j, hs_database_t database,
                     HyperscanEngine.Mode mode, String fallbackReason) {
        this.engine = engine;
        this.re2j = re2j;
        this.database = database;
        this.mode = mode;
        this.fallbackReason = fallbackReason;
    }

    @Override
    public String pattern() {
        return re2j.pattern();
    }

    @Override
    public boolean find(String input) {
        return switch (mode) {
            case EXACT -> engine.scan(database, input);
            case PREFILTER -> engine.scan(database, input) && re2j.find(input);
            case RE2J_ONLY -> re2j.find(input);
        };
    }

    @Override
    public List<String> findGroups(String input, int maxGroups) {
        if (mode != HyperscanEngine.Mode.RE2J_ONLY && !engine.scan(database, input)) {
            return null;
        }
        return re2j.findGroups(input, maxGroups);
    }

    /** How this pattern is evaluated. */
    HyperscanEngine.Mode mode() {
        return mode;
    }

    /** Hyperscan's reason for not compiling the pattern exactly; empty for {@link HyperscanEngine.Mode#EXACT}. */
    String fallbackReason() {
        return fallbackReason;
    }

    @Override
    public String toString() {
        return "HyperscanPattern[" + mode + ", " + pattern() + "]";
    }
}
