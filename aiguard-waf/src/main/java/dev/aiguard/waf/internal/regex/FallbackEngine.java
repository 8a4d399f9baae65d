package dev.aiguard.waf.internal.regex;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A regex engine ({@link HyperscanEngine} or {@link Re2jEngine}) plus the bounded backtracking
 * fallback for the patterns it cannot compile. The fallback is used only when both the engine and
 * RE2/J reject a pattern (in CRS 3.3: lookbehind, lookahead with back references, possessive
 * quantifiers, which Hyperscan's exact mode rejects as well), so every pattern RE2/J can run keeps
 * linear-time matching. Each fallback pattern is logged once at INFO with the reason, and listed by
 * {@link #fallbacks()}. Thread-safe.
 */
public final class FallbackEngine implements RegexEngine {

    private static final Logger LOG = LoggerFactory.getLogger(FallbackEngine.class);

    /** One pattern compiled by the fallback, and why the primary engine could not take it. */
    public record Use(String pattern, String reason) {
    }

    private final RegexEngine primary;
    private final RegexEngine re2j;
    private final BacktrackingEngine backtracking = new BacktrackingEngine();
    private final List<Use> fallbacks = new CopyOnWriteArrayList<>();

    /** @param primary the engine that compiles every pattern it can; closed with this engine */
    FallbackEngine(RegexEngine primary) {
        this.primary = primary;
        this.re2j = primary instanceof Re2jEngine ? primary : new Re2jEngine();
    }

    /** The primary engine's name: {@code hyperscan} or {@code re2j}. */
    @Override
    public String name() {
        return primary.name();
    }

    /**
     * @throws IllegalArgumentException when neither the primary engine nor the fallback can compile the
     *                                  pattern; the message gives the primary engine's reason first
     */
    @Override
    public CompiledPattern compile(String pattern) {
        try {
            return primary.compile(pattern);
        } catch (IllegalArgumentException rejected) {
            if (re2jAccepts(pattern)) {
                // Not a PCRE-only construct: the primary engine failed for its own reason, which stands.
                throw rejected;
            }
            CompiledPattern fallback;
            try {
                fallback = backtracking.compile(pattern);
            } catch (IllegalArgumentException alsoRejected) {
                throw new IllegalArgumentException(rejected.getMessage() + "; " + alsoRejected.getMessage(),
                        rejected);
            }
            fallbacks.add(new Use(pattern, rejected.getMessage()));
            LOG.info("Regex compiled with the bounded backtracking fallback ({} engine: {}): {}",
                    primary.name(), abbreviate(rejected.getMessage()), pattern);
            return fallback;
        }
    }

    private boolean re2jAccepts(String pattern) {
        try {
            re2j.compile(pattern);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The reason cut short: RE2/J's messages repeat the whole pattern, which the log line already shows. */
    private static String abbreviate(String reason) {
        String text = String.valueOf(reason);
        return text.length() <= 120 ? text : text.substring(0, 120) + "...";
    }

    /** The patterns compiled by the fallback so far, in compile order. */
    public List<Use> fallbacks() {
        return List.copyOf(fallbacks);
    }

    @Override
    public void close() {
        primary.close();
    }
}
