package dev.aiguard.api.internal;

import java.util.regex.Pattern;

/** Bounds and masks text before it leaves the guard in findings and events. */
public final class Redaction {

    /** Bearer tokens, API-key-looking words and JWTs: replaced before anything is logged. */
    private static final Pattern SECRET = Pattern.compile(
            "(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]{8,}|\\b(?:sk|pk|rk|ak)[-_][A-Za-z0-9_-]{12,}|\\beyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*");

    private Redaction() {
    }

    /** Masks secrets, then cuts to {@code max} characters (adding an ellipsis when cut). */
    public static String excerpt(String text, int max) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        // Cut first (bounded work), then mask; a secret cut in half is still masked by the shorter patterns.
        String bounded = text.length() > max + 64 ? text.substring(0, max + 64) : text;
        String masked = SECRET.matcher(bounded).replaceAll(m -> m.group(1) != null ? m.group(1) + "[REDACTED]" : "[REDACTED]");
        return masked.length() > max ? masked.substring(0, max) + "…" : masked;
    }
}
