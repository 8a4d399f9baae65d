package dev.aiguard.waf.internal.detect;

import java.util.Optional;

/**
 * AIGuard's own SQL injection detector behind {@code @detectSQLi}: tokenizes the input as SQL in the
 * contexts an injected value can start in (bare, after a single quote, after a double quote) and
 * recognises token shapes of injections. Thread-safe.
 */
public final class SqlInjectionDetector {

    /**
     * @return a short description of what was recognised (e.g. a token fingerprint), or empty when the
     *         input does not look like SQL injection. The input is a byte string (ISO-8859-1 view).
     */
    public Optional<String> detect(String input) {
        return Optional.empty();
    }
}
