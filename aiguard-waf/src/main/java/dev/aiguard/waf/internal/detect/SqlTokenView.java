package dev.aiguard.waf.internal.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * The tokens that matter for syntax, with navigation helpers. Closed block comments are dropped because
 * SQL engines read them as white space (which is how {@code 1/**}{@code /OR/**}{@code /1=1} evades naive
 * filters); a line comment or an unterminated block comment stays as the last token, because it
 * truncates the rest of the query. Positions past the end read as {@link SqlTokenType#END}.
 */
final class SqlTokenView {

    private static final SqlToken END = new SqlToken(SqlTokenType.END, "", -1, -1, true);

    private final List<SqlToken> tokens;

    SqlTokenView(List<SqlToken> raw) {
        List<SqlToken> kept = new ArrayList<>(raw.size());
        for (SqlToken token : raw) {
            boolean isComment = token.type() == SqlTokenType.COMMENT
                    || token.type() == SqlTokenType.EVASIVE_COMMENT;
            if (!isComment || !token.closed()) {
                kept.add(isComment ? new SqlToken(SqlTokenType.COMMENT, token.text(), token.start(),
                        token.end(), false) : token);
            }
        }
        this.tokens = kept;
    }

    int size() {
        return tokens.size();
    }

    SqlToken token(int i) {
        return i >= 0 && i < tokens.size() ? tokens.get(i) : END;
    }

    SqlTokenType type(int i) {
        return token(i).type();
    }

    boolean is(int i, SqlTokenType type, String text) {
        return token(i).is(type, text);
    }

    /** @return the first position at or after {@code i} whose type is not {@code type} */
    int skip(int i, SqlTokenType type) {
        int j = i;
        while (type(j) == type) {
            j++;
        }
        return j;
    }

    /** A call of a known SQL function: its name directly followed by an opening parenthesis. */
    boolean isFunctionCall(int i) {
        return type(i + 1) == SqlTokenType.LEFT_PAREN && isNameToken(i)
                && SqlKeywords.isFunction(token(i).text());
    }

    /**
     * A dangerous function written the way MySQL requires for built-ins, with no space before the
     * parenthesis: {@code sleep(5)}, not the prose {@code sleep (8 hours)}.
     */
    boolean isDangerousFunctionCall(int i) {
        return type(i + 1) == SqlTokenType.LEFT_PAREN && isNameToken(i) && token(i).end() == token(i + 1).start()
                && SqlKeywords.isDangerousFunction(token(i).text());
    }

    private boolean isNameToken(int i) {
        SqlTokenType type = type(i);
        return type == SqlTokenType.WORD || type == SqlTokenType.STATEMENT || type == SqlTokenType.CLAUSE;
    }

    /**
     * Skips one operand: a literal, a variable, a name, a function call or a parenthesised group.
     *
     * @return the position after it, or -1 when no operand starts at {@code i}
     */
    int skipOperand(int i) {
        switch (type(i)) {
            case STRING, NUMBER, VARIABLE, SYSTEM_VARIABLE:
                return i + 1;
            case LEFT_PAREN:
                return skipParens(i);
            case WORD, STATEMENT, CLAUSE:
                if (type(i + 1) == SqlTokenType.LEFT_PAREN && (type(i) == SqlTokenType.WORD
                        || isFunctionCall(i))) {
                    return skipParens(i + 1);
                }
                return type(i) == SqlTokenType.WORD ? i + 1 : -1;
            default:
                return -1;
        }
    }

    /**
     * Skips an expression: operands joined by arithmetic operators or dots, optionally led by a unary
     * (or, for values that start mid-expression, any) operator.
     *
     * @return the position after it, or -1 when no expression starts at {@code i}
     */
    int skipExpression(int i) {
        int j = type(i) == SqlTokenType.OPERATOR ? i + 1 : i;
        j = skipOperand(j);
        while (j > 0 && (type(j) == SqlTokenType.OPERATOR || type(j) == SqlTokenType.DOT)) {
            int k = skipOperand(j + 1);
            if (k < 0) {
                break;
            }
            j = k;
        }
        return j;
    }

    /** @return the position after the parenthesis matching the one at {@code i}, or the end */
    int skipParens(int i) {
        int depth = 0;
        for (int j = i; j < tokens.size(); j++) {
            SqlTokenType type = tokens.get(j).type();
            if (type == SqlTokenType.LEFT_PAREN) {
                depth++;
            } else if (type == SqlTokenType.RIGHT_PAREN && --depth == 0) {
                return j + 1;
            }
        }
        return tokens.size();
    }

    /** The type codes of the first {@code max} tokens, e.g. {@code s&s=s}. */
    String fingerprint(int max) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(max, tokens.size()); i++) {
            sb.append(tokens.get(i).type().code());
        }
        return sb.toString();
    }
}
