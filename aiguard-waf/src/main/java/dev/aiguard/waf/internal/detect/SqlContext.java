package dev.aiguard.waf.internal.detect;

/**
 * Where an injected value can land in a query: as a bare value (a number, an identifier), or inside a
 * string literal opened by the application with a single or a double quote.
 */
enum SqlContext {
    AS_IS('\0'),
    SINGLE_QUOTE('\''),
    DOUBLE_QUOTE('"');

    private final char quote;

    SqlContext(char quote) {
        this.quote = quote;
    }

    /** The quote the application opened before the value, or {@code '\0'} for {@link #AS_IS}. */
    char quote() {
        return quote;
    }
}
