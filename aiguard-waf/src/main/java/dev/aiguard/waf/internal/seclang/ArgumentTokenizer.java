package dev.aiguard.waf.internal.seclang;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a logical line into the directive name and its arguments. An argument is either a run of
 * non-blank characters, taken as written, or a quoted string in {@code "..."} or {@code '...'}.
 * Inside quotes a backslash before the quote character yields the quote; every other backslash is
 * kept together with the character after it ({@code \\} stays {@code \\}, {@code \d} stays
 * {@code \d}), because operator arguments are mostly regular expressions that need their escapes.
 * A closing quote must be followed by a blank or the end of the line.
 */
final class ArgumentTokenizer {

    private ArgumentTokenizer() {
    }

    static List<String> tokenize(String line) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (true) {
            while (i < n && LineJoiner.isBlank(line.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return tokens;
            }
            char c = line.charAt(i);
            if (c == '"' || c == '\'') {
                i = readQuoted(line, i, tokens);
            } else {
                int start = i;
                while (i < n && !LineJoiner.isBlank(line.charAt(i))) {
                    i++;
                }
                tokens.add(line.substring(start, i));
            }
        }
    }

    /** Reads the quoted argument that starts at {@code open}; returns the index after it. */
    private static int readQuoted(String line, int open, List<String> tokens) {
        char quote = line.charAt(open);
        StringBuilder value = new StringBuilder();
        int n = line.length();
        int i = open + 1;
        while (i < n) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < n) {
                char next = line.charAt(i + 1);
                if (next != quote) {
                    value.append(c);
                }
                value.append(next);
                i += 2;
            } else if (c == quote) {
                checkFollowedByBlank(line, open, i + 1);
                tokens.add(value.toString());
                return i + 1;
            } else {
                value.append(c);
                i++;
            }
        }
        throw new SyntaxError("unterminated quote in argument " + Excerpt.quoted(line.substring(open)));
    }

    private static void checkFollowedByBlank(String line, int open, int after) {
        if (after < line.length() && !LineJoiner.isBlank(line.charAt(after))) {
            int end = after;
            while (end < line.length() && !LineJoiner.isBlank(line.charAt(end))) {
                end++;
            }
            throw new SyntaxError("unexpected " + Excerpt.quoted(line.substring(after, end))
                    + " after closing quote of argument " + Excerpt.quoted(line.substring(open, after)));
        }
    }
}
