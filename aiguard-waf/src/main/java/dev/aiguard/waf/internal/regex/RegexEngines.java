package dev.aiguard.waf.internal.regex;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * Chooses the regex engine by name: {@code auto}, {@code hyperscan} or {@code re2j}. Every engine it
 * returns is wrapped in a {@link FallbackEngine}, so patterns only a backtracking engine can run (CRS
 * 3.3's lookbehinds, possessive quantifiers) still load; this is the one place engines are chosen.
 */
public final class RegexEngines {

    private static final Logger LOG = LoggerFactory.getLogger(RegexEngines.class);

    private RegexEngines() {
    }

    /**
     * @param kind {@code auto} (Hyperscan when its native library works here, else RE2/J with one
     *             warning naming the reason), {@code hyperscan} or {@code re2j}; case-insensitive
     * @throws IllegalArgumentException for an unknown kind
     * @throws IllegalStateException    for {@code hyperscan} when Hyperscan cannot run here
     */
    public static RegexEngine select(String kind) {
        return new FallbackEngine(primary(kind));
    }

    private static RegexEngine primary(String kind) {
        String k = kind == null ? "" : kind.trim().toLowerCase(Locale.ROOT);
        switch (k) {
            case "re2j":
                return new Re2jEngine();
            case "hyperscan":
                // Checked here, before HyperscanEngine is touched: without the native jars even loading that class
                // fails with a NoClassDefFoundError.
                HyperscanAvailability required = HyperscanAvailability.current();
                if (!required.available()) {
                    throw new IllegalStateException("Hyperscan is not available: " + required.reason());
                }
                return new HyperscanEngine();
            case "auto":
                HyperscanAvailability availability = HyperscanAvailability.current();
                if (availability.available()) {
                    return new HyperscanEngine();
                }
                LOG.warn("Hyperscan is not available ({}); using the RE2/J regex engine, which is much slower",
                        availability.reason());
                return new Re2jEngine();
            default:
                throw new IllegalArgumentException("unknown regex engine '" + kind
                        + "'; expected auto, hyperscan or re2j");
        }
    }
}
