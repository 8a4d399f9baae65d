package dev.aiguard.waf.internal.regex;

/**
 * Rewrites a PCRE-style CRS pattern so that an engine implements the semantics documented on
 * {@link CompiledPattern}. It tracks escapes and character classes, so it only touches real
 * metacharacters.
 *
 * <p>For {@link Dialect#RE2J}: {@code \s} gains VT (RE2 leaves it out), and every byte from 0x80 to
 * 0xFF is moved to the private-use code point {@code U+E000 + byte}. RE2J folds case with Unicode
 * tables, so under {@code (?i)} it would let {@code \x{c2}} match 0xE2 ("Â"/"â"); PCRE without UTF
 * mode, ModSecurity and Hyperscan fold ASCII only. Private-use code points have no case, and
 * {@link ByteText#forRe2j} maps the input the same way. {@code $} is kept: RE2J without MULTILINE
 * already matches it only at the very end.
 *
 * <p>For {@link Dialect#HYPERSCAN}: {@code $} outside a class becomes {@code \z} (Hyperscan's
 * {@code $} also matches before a final newline), and every non-printable or high byte is written as
 * a {@code \xHH} escape so the pattern survives as a C string.
 *
 * <p>For {@link Dialect#JAVA} (the bounded backtracking fallback, see {@link BacktrackingEngine}):
 * {@code $} becomes {@code \z} as for Hyperscan; every class member is escaped, so a {@code [} or
 * {@code &&} inside a class stays literal as in PCRE (java.util.regex would nest or intersect);
 * the remaining PCRE-only syntax is translated by {@link JavaSyntax}.
 */
final class PatternRewriter {

    /** Target engine of a rewrite. */
    enum Dialect { RE2J, HYPERSCAN, JAVA }

    /** Offset of the private-use block that RE2J sees high bytes in. */
    static final int HIGH_BYTE_BASE = 0xE000;

    private static final String RE2J_NOT_SPACE = "\\x00-\\x08\\x0e-\\x1f\\x21-\\x{10ffff}";

    private final String source;
    private final Dialect dialect;
    private final StringBuilder out;
    private int pos;

    private PatternRewriter(String source, Dialect dialect) {
        this.source = source;
        this.dialect = dialect;
        this.out = new StringBuilder(source.length() + 16);
    }

    /**
     * @throws IllegalArgumentException when the pattern holds a char above 0xFF (patterns are byte
     *                                  strings)
     */
    static String rewrite(String pattern, Dialect dialect) {
        for (int i = 0; i < pattern.length(); i++) {
            if (pattern.charAt(i) > 0xFF) {
                throw new IllegalArgumentException("pattern holds char U+" + Integer.toHexString(pattern.charAt(i))
                        + " at offset " + i + "; patterns are byte strings (one char per byte)");
            }
        }
        PatternRewriter rewriter = new PatternRewriter(pattern, dialect);
        rewriter.rewriteTopLevel();
        return rewriter.out.toString();
    }

    private boolean more() {
        return pos < source.length();
    }

    private char peek(int ahead) {
        int i = pos + ahead;
        return i < source.length() ? source.charAt(i) : '\0';
    }

    private void rewriteTopLevel() {
        while (more()) {
            char c = source.charAt(pos++);
            if (c == '\\') {
                rewriteEscapeOutsideClass();
            } else if (c == '[') {
                rewriteClass();
            } else if (c == '$' && dialect != Dialect.RE2J) {
                out.append("\\z");
            } else if (dialect == Dialect.JAVA && (c == '(' || c == '{')) {
                pos = JavaSyntax.rewriteAt(source, pos - 1, out);
            } else if (needsHexForm(c)) {
                appendLiteral(c);
            } else {
                out.append(c);
            }
        }
    }

    private void rewriteEscapeOutsideClass() {
        if (!more()) {
            out.append('\\');
            return;
        }
        char c = source.charAt(pos);
        if (c == 'Q') {
            pos++;
            copyQuoted();
            return;
        }
        if (dialect == Dialect.RE2J && (c == 's' || c == 'S')) {
            pos++;
            out.append(c == 's' ? "[\\s\\x0b]" : "[^\\s\\x0b]");
            return;
        }
        if (dialect == Dialect.JAVA && JavaSyntax.rewritesEscape(c)) {
            pos++;
            out.append(JavaSyntax.escape(c));
            return;
        }
        int value = parseCharEscape(false);
        if (value >= 0) {
            appendLiteral(value);
        } else {
            out.append('\\').append(source.charAt(pos++));
        }
    }

    /** {@code \Q...\E}: everything up to {@code \E} is literal. */
    private void copyQuoted() {
        int end = source.indexOf("\\E", pos);
        int stop = end < 0 ? source.length() : end;
        while (pos < stop) {
            appendLiteral(source.charAt(pos++));
        }
        pos = end < 0 ? stop : end + 2;
    }

    /**
     * Parses the escape whose letter is at {@code pos} when it denotes one byte, advancing past it.
     *
     * @return the byte value, or -1 (without advancing) for escapes that are not one byte
     *         ({@code \d}, {@code \b} outside a class, {@code \1}, ...)
     */
    private int parseCharEscape(boolean inClass) {
        char c = source.charAt(pos);
        switch (c) {
            case 'x':
                return parseHexEscape();
            case 'n':
                pos++;
                return '\n';
            case 't':
                pos++;
                return '\t';
            case 'r':
                pos++;
                return '\r';
            case 'f':
                pos++;
                return '\f';
            case 'a':
                pos++;
                return 0x07;
            case 'e':
                pos++;
                return 0x1B;
            case 'b':
                if (inClass) {
                    pos++;
                    return 0x08;
                }
                return -1;
            case '0':
                return parseOctalEscape();
            default:
                if (Character.isLetterOrDigit(c) && c < 0x80) {
                    return -1;
                }
                pos++;
                return c;
        }
    }

    private int parseHexEscape() {
        int start = pos + 1;
        if (start < source.length() && source.charAt(start) == '{') {
            int close = source.indexOf('}', start);
            int value = close < 0 || close == start + 1 || close - start > 9 ? -1 : parseHex(start + 1, close);
            if (value < 0) {
                throw new IllegalArgumentException("malformed \\x{...} escape at offset " + (pos - 1)
                        + " of pattern: " + source);
            }
            if (value > 0xFF) {
                throw new IllegalArgumentException("escape \\x{" + source.substring(start + 1, close)
                        + "} is not a byte; patterns match byte strings: " + source);
            }
            pos = close + 1;
            return value;
        }
        int end = start;
        while (end < source.length() && end < start + 2 && Character.digit(source.charAt(end), 16) >= 0) {
            end++;
        }
        pos = end;
        return end == start ? 0 : parseHex(start, end);
    }

    private int parseHex(int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            int d = Character.digit(source.charAt(i), 16);
            if (d < 0) {
                return -1;
            }
            value = value * 16 + d;
        }
        return value;
    }

    private int parseOctalEscape() {
        int value = 0;
        int end = pos + 1;
        while (end < source.length() && end < pos + 3 && source.charAt(end) >= '0' && source.charAt(end) <= '7') {
            value = value * 8 + (source.charAt(end) - '0');
            end++;
        }
        pos = end;
        return value;
    }

    /** Called after the opening {@code [}. */
    private void rewriteClass() {
        out.append('[');
        if (peek(0) == '^') {
            out.append('^');
            pos++;
        }
        boolean first = true;
        while (more()) {
            char c = source.charAt(pos);
            if (c == ']' && !first) {
                pos++;
                out.append(']');
                return;
            }
            first = false;
            if (c == '[' && peek(1) == ':') {
                int close = source.indexOf(":]", pos + 2);
                if (close > 0 && dialect == Dialect.JAVA) {
                    out.append(JavaSyntax.posixClass(source.substring(pos + 2, close), source));
                    pos = close + 2;
                    continue;
                }
                if (close > 0) {
                    out.append(source, pos, close + 2);
                    pos = close + 2;
                    continue;
                }
            }
            rewriteClassItem();
        }
        throw new IllegalArgumentException("missing ] in character class of pattern: " + source);
    }

    private void rewriteClassItem() {
        int low = parseClassAtom();
        if (low < 0) {
            return;
        }
        if (peek(0) == '-' && peek(1) != ']' && pos + 1 < source.length()) {
            int outLength = out.length();
            pos++;
            int high = parseClassAtom();
            if (high >= 0) {
                if (high < low) {
                    throw new IllegalArgumentException("range out of order in character class of pattern: " + source);
                }
                appendRange(low, high);
                return;
            }
            // "a-\d": the dash is literal; the class escape was already written after it.
            out.insert(outLength, hexForm('-'));
            out.insert(outLength, hexForm(low));
            return;
        }
        out.append(hexForm(low));
    }

    /**
     * Parses one class member. Returns its byte value, or -1 after writing a class escape such as
     * {@code \d} or {@code \s} itself.
     */
    private int parseClassAtom() {
        char c = source.charAt(pos++);
        if (c != '\\') {
            return c;
        }
        if (!more()) {
            return '\\';
        }
        char e = source.charAt(pos);
        if (e == 's' || e == 'S') {
            pos++;
            if (dialect == Dialect.RE2J) {
                out.append(e == 's' ? "\\s\\x0b" : RE2J_NOT_SPACE);
            } else {
                out.append('\\').append(e);
            }
            return -1;
        }
        int value = parseCharEscape(true);
        if (value >= 0) {
            return value;
        }
        out.append('\\').append(source.charAt(pos++));
        return -1;
    }

    private void appendRange(int low, int high) {
        if (dialect == Dialect.RE2J && low < 0x80 && high >= 0x80) {
            out.append(hexForm(low)).append('-').append(hexForm(0x7F));
            out.append(hexForm(0x80)).append('-').append(hexForm(high));
            return;
        }
        out.append(hexForm(low)).append('-').append(hexForm(high));
    }

    private void appendLiteral(int value) {
        out.append(hexForm(value));
    }

    private static boolean needsHexForm(char c) {
        return c < 0x20 || c >= 0x7F;
    }

    /** The byte as an escape that both engines read as exactly that one byte (or code point). */
    private String hexForm(int value) {
        if (value < 0x80 && Character.isLetterOrDigit(value)) {
            return String.valueOf((char) value);
        }
        if (value > 0x20 && value < 0x7F) {
            // Escaped punctuation is a literal in both engines, and short: Hyperscan limits pattern length.
            return "\\" + (char) value;
        }
        if (dialect == Dialect.RE2J && value >= 0x80) {
            return "\\x{" + Integer.toHexString(HIGH_BYTE_BASE + value) + "}";
        }
        return String.format("\\x%02x", value);
    }
}
