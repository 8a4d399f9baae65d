package dev.aiguard.waf.internal.detect;

/**
 * Where an injected value can land in an HTML page: in text, inside a tag where attributes are
 * expected, or inside an attribute value (unquoted, or quoted with {@code "}, {@code '} or a backquote,
 * which old Internet Explorer accepted as a quote).
 */
enum HtmlContext {
    DATA,
    VALUE_DOUBLE_QUOTED,
    VALUE_SINGLE_QUOTED,
    VALUE_BACKQUOTED,
    VALUE_UNQUOTED,
    TAG_INTERIOR;

    /** The closing quote of a quoted value context, {@code '\0'} for the unquoted one. */
    char quote() {
        switch (this) {
            case VALUE_DOUBLE_QUOTED: return '"';
            case VALUE_SINGLE_QUOTED: return '\'';
            case VALUE_BACKQUOTED: return '`';
            default: return '\0';
        }
    }

    boolean isValue() {
        return this != DATA && this != TAG_INTERIOR;
    }
}
