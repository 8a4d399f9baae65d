package dev.aiguard.waf.internal.seclang;

/**
 * A single-quoted value inside an action or target list, as ModSecurity reads it: a backslash escapes the next
 * character and is itself dropped only before a quote ({@code \'} is a quote, {@code \d} stays {@code \d}, which keeps
 * regexes intact).
 *
 * @param value the text between the quotes, escapes applied
 * @param end   the index just after the closing quote
 */
record SingleQuoted(String value, int end) {

    /** Reads the value whose opening quote is at {@code openQuote}; {@code null} when the quote is never closed. */
    static SingleQuoted read(String text, int openQuote) {
        StringBuilder value = new StringBuilder();
        int i = openQuote + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(i + 1);
                if (next != '\'') {
                    value.append(c);
                }
                value.append(next);
                i += 2;
            } else if (c == '\'') {
                return new SingleQuoted(value.toString(), i + 1);
            } else {
                value.append(c);
                i++;
            }
        }
        return null;
    }
}
