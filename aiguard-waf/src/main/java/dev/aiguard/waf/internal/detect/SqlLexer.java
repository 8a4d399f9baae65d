package dev.aiguard.waf.internal.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a byte string into SQL tokens. In a quoted {@link SqlContext} the first token is the string
 * literal the application opened, running to the first matching quote in the input.
 *
 * <p>Only the first {@link #MAX_TOKENS} tokens are produced: injection shapes are recognised near the
 * start of a value, and the cap keeps the work linear in the input length. Lexing stops at a line
 * comment or an unterminated block comment, because the rest of the query is commented out.
 * Backslashes do not escape quotes: treating them as plain characters recognises attacks on
 * applications that escape quotes with a backslash themselves.
 */
final class SqlLexer {

    static final int MAX_TOKENS = 96;

    private final String in;
    private final List<SqlToken> tokens = new ArrayList<>();
    private int pos;

    private SqlLexer(String input) {
        this.in = input;
    }

    /** Tokenizes {@code input} as it would be read when spliced into a query in {@code context}. */
    static List<SqlToken> tokenize(String input, SqlContext context) {
        SqlLexer lexer = new SqlLexer(input);
        if (context != SqlContext.AS_IS) {
            lexer.quoted(context.quote(), 0);
        }
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        while (tokens.size() < MAX_TOKENS && !lastIsTerminal()) {
            skipSpace();
            if (pos >= in.length()) {
                return;
            }
            next();
        }
    }

    private boolean lastIsTerminal() {
        if (tokens.isEmpty()) {
            return false;
        }
        SqlToken last = tokens.get(tokens.size() - 1);
        return last.type() == SqlTokenType.COMMENT && !last.closed();
    }

    private void skipSpace() {
        while (pos < in.length() && isSpace(in.charAt(pos))) {
            pos++;
        }
    }

    /** Control characters, space and the Latin-1 no-break space separate tokens in SQL engines. */
    static boolean isSpace(char c) {
        return c <= ' ' || c == 0x7f || c == 0xa0;
    }

    private void next() {
        char c = in.charAt(pos);
        if (c == '\'' || c == '"') {
            quoted(c, pos + 1);
        } else if (c == '`') {
            backquoted();
        } else if (isDigit(c) || (c == '.' && isDigit(peek(1)))) {
            number();
        } else if (isWordChar(c) || nonAsciiEscapeAt(pos)) {
            word();
        } else if (c == '@') {
            variable();
        } else if (c == '#' || (c == '-' && peek(1) == '-')) {
            lineComment();
        } else if (c == '/' && peek(1) == '*') {
            blockComment();
        } else {
            punctuation();
        }
    }

    private void quoted(char quote, int from) {
        int close = in.indexOf(quote, from);
        int end = close < 0 ? in.length() : close + 1;
        int start = from == 0 ? 0 : from - 1;
        add(SqlTokenType.STRING, clip(start, end), start, end, close >= 0);
        pos = end;
    }

    private void backquoted() {
        int close = in.indexOf('`', pos + 1);
        int end = close < 0 ? in.length() : close + 1;
        add(SqlTokenType.WORD, clip(pos, end).toLowerCase(Locale.ROOT), pos, end, close >= 0);
        pos = end;
    }

    private void number() {
        int start = pos;
        if (peek(0) == '0' && (peek(1) == 'x' || peek(1) == 'X' || peek(1) == 'b' || peek(1) == 'B')
                && isHexDigit(peek(2))) {
            pos += 2;
            while (pos < in.length() && isHexDigit(in.charAt(pos))) {
                pos++;
            }
        } else {
            digits();
            if (peek(0) == '.') {
                pos++;
                digits();
            }
            if ((peek(0) == 'e' || peek(0) == 'E') && (isDigit(peek(1))
                    || ((peek(1) == '+' || peek(1) == '-') && isDigit(peek(2))))) {
                pos += 2;
                digits();
            }
        }
        add(SqlTokenType.NUMBER, clip(start, pos), start, pos, true);
    }

    private void digits() {
        while (pos < in.length() && isDigit(in.charAt(pos))) {
            pos++;
        }
    }

    private void word() {
        int start = pos;
        while (pos < in.length()) {
            if (isWordChar(in.charAt(pos))) {
                pos++;
            } else if (nonAsciiEscapeAt(pos)) {
                pos += 6;
            } else {
                break;
            }
        }
        String text = clip(start, pos).toLowerCase(Locale.ROOT);
        SqlTokenType type = pos - start > SqlToken.MAX_TEXT ? SqlTokenType.WORD : SqlKeywords.classify(text);
        add(type, text, start, pos, true);
    }

    private void variable() {
        int start = pos;
        boolean system = peek(1) == '@';
        pos += system ? 2 : 1;
        int nameStart = pos;
        while (pos < in.length() && isWordChar(in.charAt(pos))) {
            pos++;
        }
        if (pos == nameStart) {
            add(SqlTokenType.OTHER, clip(start, pos), start, pos, true);
            return;
        }
        SqlTokenType type = system ? SqlTokenType.SYSTEM_VARIABLE : SqlTokenType.VARIABLE;
        add(type, clip(start, pos).toLowerCase(Locale.ROOT), start, pos, true);
    }

    private void lineComment() {
        add(SqlTokenType.COMMENT, clip(pos, in.length()), pos, in.length(), false);
        pos = in.length();
    }

    private void blockComment() {
        int start = pos;
        int close = in.indexOf("*/", start + 2);
        int end = close < 0 ? in.length() : close + 2;
        // Another opener inside, even one overlapping the closer as in /*/*/, is read differently by
        // different engines (nesting, or not); only evasion produces it.
        boolean nested = opensCommentWithin(start + 2, end);
        boolean executable = peek(2) == '!';
        SqlTokenType type = nested || executable ? SqlTokenType.EVASIVE_COMMENT : SqlTokenType.COMMENT;
        add(type, clip(start, end), start, end, close >= 0);
        pos = end;
    }

    private boolean opensCommentWithin(int from, int to) {
        for (int i = from; i + 1 < to; i++) {
            if (in.charAt(i) == '/' && in.charAt(i + 1) == '*') {
                return true;
            }
        }
        return false;
    }

    private void punctuation() {
        String op = operatorAt();
        int start = pos;
        pos += op.length();
        add(punctuationType(op), op, start, pos, true);
    }

    private static final String[] MULTI_CHAR_OPERATORS = {
        "<=>", "<>", "!=", "<=", ">=", "!<", "!>", "||", "&&", "::", ":=", "<<", ">>", "->>", "->"};

    private String operatorAt() {
        for (String op : MULTI_CHAR_OPERATORS) {
            if (in.startsWith(op, pos)) {
                return op;
            }
        }
        return String.valueOf(in.charAt(pos));
    }

    private static SqlTokenType punctuationType(String op) {
        switch (op) {
            case "(": return SqlTokenType.LEFT_PAREN;
            case ")": return SqlTokenType.RIGHT_PAREN;
            case ",": return SqlTokenType.COMMA;
            case ";": return SqlTokenType.SEMICOLON;
            case ".": return SqlTokenType.DOT;
            case "||": case "&&": return SqlTokenType.LOGIC;
            case "=": case "<": case ">": case "<=>": case "<>": case "!=": case "<=": case ">=":
            case "!<": case "!>":
                return SqlTokenType.COMPARISON;
            case "+": case "-": case "*": case "/": case "%": case "^": case "|": case "&": case "~":
            case "!": case "::": case ":=": case "<<": case ">>": case "->": case "->>":
                return SqlTokenType.OPERATOR;
            default: return SqlTokenType.OTHER;
        }
    }

    private void add(SqlTokenType type, String text, int start, int end, boolean closed) {
        tokens.add(new SqlToken(type, text, start, end, closed));
    }

    private String clip(int start, int end) {
        return in.substring(start, Math.min(end, start + SqlToken.MAX_TEXT));
    }

    private char peek(int ahead) {
        int i = pos + ahead;
        return i < in.length() ? in.charAt(i) : '\0';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHexDigit(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /**
     * {@code %uHHHH} for a code point of U+0080 or above: how {@code t:utf8toUnicode} writes a non-ASCII character,
     * so it is part of a word as the character's own bytes are. CRS rules with {@code multiMatch} (942100) run the
     * detector on that intermediate value too; read as SQL, {@code %} would be the modulo operator, and every
     * non-ASCII word next to a quote ({@code Кот-д'Ивуар}) would look like {@code 'x' % u041a ...}, an expression
     * after a break-out. Escapes of ASCII characters ({@code %u0027}) stay operators: they are not
     * utf8toUnicode's output, and the decoded value is checked as well.
     */
    private boolean nonAsciiEscapeAt(int i) {
        if (i + 5 >= in.length() || in.charAt(i) != '%' || (in.charAt(i + 1) != 'u' && in.charAt(i + 1) != 'U')) {
            return false;
        }
        for (int k = i + 2; k < i + 6; k++) {
            if (!isHexDigit(in.charAt(k))) {
                return false;
            }
        }
        return Integer.parseInt(in.substring(i + 2, i + 6), 16) >= 0x80;
    }

    /** Letters, digits, {@code _}, {@code $} and every non-ASCII byte can be part of an identifier. */
    private static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c) || c == '_' || c == '$'
                || (c >= 0x80 && c != 0xa0);
    }
}
