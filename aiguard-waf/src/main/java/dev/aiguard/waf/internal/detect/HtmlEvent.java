package dev.aiguard.waf.internal.detect;

/**
 * Something the {@link HtmlTokenizer} found.
 *
 * @param kind  what was found
 * @param name  lower-case tag or attribute name; empty for the value the input started in; the text
 *              of a comment
 * @param value the attribute value (at most {@link HtmlTokenizer#MAX_VALUE} chars), or null for an
 *              attribute without one and for other kinds
 */
record HtmlEvent(Kind kind, String name, String value) {

    /** Kinds of events. */
    enum Kind {
        START_TAG,
        END_TAG,
        ATTRIBUTE,
        COMMENT
    }
}
