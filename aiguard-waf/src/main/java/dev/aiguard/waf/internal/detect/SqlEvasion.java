package dev.aiguard.waf.internal.detect;

import java.util.List;

/**
 * Comments that only make sense as filter evasion: nested or MySQL-executable block comments
 * ({@code /*!50000union*}{@code /}), and block comments that split a word ({@code uni/**}{@code /on}).
 */
final class SqlEvasion {

    private SqlEvasion() {
    }

    /** @return the name of the evasion found in the raw tokens of {@code input}, or null */
    static String find(String input, List<SqlToken> raw) {
        for (SqlToken token : raw) {
            if (!token.closed()) {
                continue;
            }
            if (token.type() == SqlTokenType.EVASIVE_COMMENT) {
                return "evasive-comment";
            }
            if (token.type() == SqlTokenType.COMMENT && token.text().startsWith("/*")
                    && isLetterAt(input, token.start() - 1) && isLetterAt(input, token.end())) {
                return "comment-in-word";
            }
        }
        return null;
    }

    private static boolean isLetterAt(String input, int i) {
        if (i < 0 || i >= input.length()) {
            return false;
        }
        char c = input.charAt(i);
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
