package dev.aiguard.waf.internal.detect;

/**
 * Classes of SQL tokens recognised by {@link SqlLexer}. Each class has a one-character code used in the
 * short token fingerprint that the detector reports.
 */
enum SqlTokenType {
    /** A quoted string literal ({@code 'x'} or {@code "x"}); may be unterminated. */
    STRING('s'),
    /** A numeric literal, or a constant keyword such as {@code NULL}, {@code TRUE}, {@code FALSE}. */
    NUMBER('1'),
    /** An identifier or any word that is not a keyword (backquoted identifiers included). */
    WORD('n'),
    /** A user variable such as {@code @name}. */
    VARIABLE('v'),
    /** A system variable such as {@code @@version}. */
    SYSTEM_VARIABLE('V'),
    /** {@code AND}, {@code OR}, {@code XOR}, {@code NOT}, {@code &&}, {@code ||}. */
    LOGIC('&'),
    /** {@code =}, {@code <>}, {@code LIKE}, {@code IN}, {@code IS}, {@code BETWEEN}, ... */
    COMPARISON('='),
    /** Arithmetic, bitwise and other operators ({@code + - * / % ^ | & ~ !}, {@code DIV}, ...). */
    OPERATOR('o'),
    /** {@code UNION}. */
    UNION('U'),
    /** A keyword that starts a statement: {@code SELECT}, {@code DROP}, {@code EXEC}, {@code WAITFOR}, ... */
    STATEMENT('E'),
    /** A keyword inside a statement: {@code FROM}, {@code WHERE}, {@code ORDER}, {@code ALL}, ... */
    CLAUSE('k'),
    LEFT_PAREN('('),
    RIGHT_PAREN(')'),
    COMMA(','),
    SEMICOLON(';'),
    DOT('.'),
    /** A comment. A line comment or an unterminated block comment is always the last token. */
    COMMENT('c'),
    /** A block comment used to hide code from parsers: nested ({@code /* /*}) or MySQL-executable. */
    EVASIVE_COMMENT('X'),
    /** Any other character. */
    OTHER('?'),
    /** Marks the position past the last token; never produced by the lexer. */
    END('$');

    private final char code;

    SqlTokenType(char code) {
        this.code = code;
    }

    char code() {
        return code;
    }
}
