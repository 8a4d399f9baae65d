package dev.aiguard.waf.internal.detect;

/**
 * One SQL token.
 *
 * @param type   the token class
 * @param text   the token text, lower-cased for words and keywords; cut to {@link #MAX_TEXT} chars
 * @param start  offset of the first char in the input
 * @param end    offset past the last char in the input
 * @param closed for strings and block comments: whether the closing delimiter was present
 */
record SqlToken(SqlTokenType type, String text, int start, int end, boolean closed) {

    /** Longest token text kept; longer strings and comments are only needed for their type. */
    static final int MAX_TEXT = 64;

    boolean is(SqlTokenType expected, String word) {
        return type == expected && text.equals(word);
    }
}
