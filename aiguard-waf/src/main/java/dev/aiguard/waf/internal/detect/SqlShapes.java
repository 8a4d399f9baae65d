package dev.aiguard.waf.internal.detect;

import java.util.Optional;

/**
 * Recognises the shapes of SQL injections in the tokens of one {@link SqlContext}.
 *
 * <p>In a quoted context the value must first close the application's string literal; what follows
 * the break-out must then continue the query (a boolean condition, UNION SELECT, a stacked statement,
 * an operator, a comment that cuts the rest off, ...). Text with an apostrophe followed by more words,
 * such as {@code O'Connell} or {@code St John's Road}, is not a valid continuation and is not flagged.
 * In the bare context there is no break-out, so the value must either be a statement on its own or a
 * leading value followed by such a continuation. Shapes are anchored at the start of the value.
 */
final class SqlShapes {

    private final SqlTokenView view;
    private final boolean quoted;
    /** A break-out whose quote is not preceded by white space, unlike an opening quotation mark. */
    private final boolean strongBreakout;

    private SqlShapes(SqlTokenView view, SqlContext context, boolean proseQuote) {
        this.view = view;
        this.quoted = context != SqlContext.AS_IS;
        this.strongBreakout = quoted && !proseQuote;
    }

    /**
     * @param proseQuote whether the quote that closes the application's string follows white space, as
     *                   an opening quotation mark in prose does ({@code copy "/a/b" to "/c"}); such a
     *                   break-out only counts with a shape that is SQL beyond doubt
     * @return the name of the recognised shape, or empty
     */
    static Optional<String> match(SqlTokenView view, SqlContext context, boolean proseQuote) {
        return Optional.ofNullable(new SqlShapes(view, context, proseQuote).find());
    }

    private String find() {
        if (quoted) {
            SqlToken literal = view.token(0);
            if (literal.type() != SqlTokenType.STRING || !literal.closed()) {
                return null;
            }
            String shape = continuation(view.skip(1, SqlTokenType.RIGHT_PAREN), true);
            return shape != null ? shape : dangerousCallAnywhere();
        }
        String shape = statementAtStart();
        if (shape == null) {
            int lead = view.skipExpression(0);
            int next = view.skip(Math.max(lead, 0), SqlTokenType.RIGHT_PAREN);
            shape = continuation(next, isPlainOperand(lead));
        }
        return shape != null ? shape : dangerousCallAnywhere();
    }

    /** Whether the leading expression ending at {@code lead} is absent, one operand, or a signed one. */
    private boolean isPlainOperand(int lead) {
        return lead <= 1 || (lead == 2 && (view.is(0, SqlTokenType.OPERATOR, "-")
                || view.is(0, SqlTokenType.OPERATOR, "+")));
    }

    private String statementAtStart() {
        if (SqlStatement.isStatement(view, 0)) {
            return "statement";
        }
        if (view.type(0) == SqlTokenType.UNION && unionSelect(0)) {
            return "union-select";
        }
        if (view.type(0) == SqlTokenType.LEFT_PAREN && view.is(1, SqlTokenType.STATEMENT, "select")) {
            return "subquery";
        }
        if (view.type(0) == SqlTokenType.SYSTEM_VARIABLE) {
            return "system-variable";
        }
        return view.type(0) == SqlTokenType.CLAUSE && clause(0) ? "clause" : null;
    }

    /**
     * What may follow the value in the query.
     *
     * @param unionAllowed whether UNION may follow: after a break-out, or after at most one plain
     *                     operand (a value that starts like a path, {@code /a/b/24 union ...}, is not
     *                     an injected operand)
     */
    private String continuation(int i, boolean unionAllowed) {
        SqlTokenType type = view.type(i);
        switch (type) {
            case LOGIC:
                if (condition(i + 1)) {
                    return "boolean-condition";
                }
                return strongBreakout && view.is(i, SqlTokenType.LOGIC, "||") && expressionAfterOperator(i)
                        ? "expression" : null;
            case UNION:
                return unionAllowed && unionSelect(i) ? "union-select" : null;
            case SEMICOLON:
                return stacked(i) ? "stacked-query" : null;
            case STATEMENT:
                return SqlStatement.isStatement(view, i) ? "statement" : null;
            case CLAUSE:
                return clause(i) ? "clause" : null;
            case COMMENT:
                return strongBreakout && truncates(view.token(i)) ? "comment-truncation" : null;
            case OPERATOR:
                return expressionAfterOperator(i) ? "expression" : null;
            case COMPARISON:
                if (view.type(i + 1) == SqlTokenType.LEFT_PAREN
                        && view.is(i + 2, SqlTokenType.STATEMENT, "select")) {
                    return "subquery";
                }
                return strongBreakout && comparisonTail(i) ? "comparison" : null;
            case LEFT_PAREN:
                return quoted && view.is(i + 1, SqlTokenType.STATEMENT, "select") ? "subquery" : null;
            default:
                return null;
        }
    }

    /**
     * A comment that cuts off the rest of the query: a block comment, {@code --}, or {@code #} at the
     * end or before white space. {@code "#1" is best} is a quoted hashtag, not a truncation.
     */
    private static boolean truncates(SqlToken comment) {
        String text = comment.text();
        return !text.startsWith("#") || text.length() == 1 || SqlLexer.isSpace(text.charAt(1));
    }

    /** A condition after AND/OR: a comparison, a function call, a subquery or a constant. */
    private boolean condition(int i) {
        int j = i;
        while (isNegation(j) || view.type(j) == SqlTokenType.LEFT_PAREN) {
            j++;
        }
        SqlToken first = view.token(j);
        if (first.is(SqlTokenType.STATEMENT, "select") || first.is(SqlTokenType.CLAUSE, "exists")
                || first.type() == SqlTokenType.SYSTEM_VARIABLE || view.isFunctionCall(j)) {
            return true;
        }
        int k = view.skipExpression(j);
        if (k < 0) {
            return false;
        }
        boolean constant = first.type() == SqlTokenType.NUMBER || first.type() == SqlTokenType.STRING;
        switch (view.type(k)) {
            case COMPARISON:
                return rightOperand(k + 1, view.token(k));
            case COMMENT:
                return constant && (strongBreakout || !quoted);
            case END:
                return strongBreakout && first.type() == SqlTokenType.STRING && !first.closed();
            default:
                return false;
        }
    }

    private boolean isNegation(int i) {
        return SqlStatement.isNegation(view, i);
    }

    /** The right side of a comparison; word operators ({@code IN}, {@code LIKE}, ...) need a literal. */
    private boolean rightOperand(int i, SqlToken comparison) {
        boolean wordOperator = Character.isLetter(comparison.text().charAt(0));
        int j = isNegation(i) ? i + 1 : i;
        switch (view.type(j)) {
            case STRING, NUMBER, VARIABLE, SYSTEM_VARIABLE, LEFT_PAREN:
                return true;
            case WORD:
                return !wordOperator || view.isFunctionCall(j);
            case OPERATOR:
                return !wordOperator && view.type(j + 1) == SqlTokenType.NUMBER;
            default:
                return view.isFunctionCall(j);
        }
    }

    private boolean unionSelect(int i) {
        int j = i + 1;
        if (view.is(j, SqlTokenType.CLAUSE, "all") || view.is(j, SqlTokenType.CLAUSE, "distinct")) {
            j++;
        }
        j = view.skip(j, SqlTokenType.LEFT_PAREN);
        return view.is(j, SqlTokenType.STATEMENT, "select");
    }

    /** {@code ; <statement>}, {@code ; --} or {@code ;(function(...}. */
    private boolean stacked(int i) {
        int j = i + 1;
        switch (view.type(j)) {
            case COMMENT:
                return truncates(view.token(j));
            case STATEMENT:
                return SqlStatement.isStatement(view, j);
            case LEFT_PAREN:
                return view.isFunctionCall(j + 1) || view.is(j + 1, SqlTokenType.STATEMENT, "select");
            default:
                return false;
        }
    }

    /** Clauses that continue a query: {@code HAVING 1=1}, {@code ORDER BY 1--}, {@code INTO OUTFILE}. */
    private boolean clause(int i) {
        switch (view.token(i).text()) {
            case "having", "where":
                return condition(i + 1);
            case "group", "order":
                return view.is(i + 1, SqlTokenType.CLAUSE, "by") && orderTail(view.skipExpression(i + 2));
            case "limit":
                return view.type(i + 1) == SqlTokenType.NUMBER
                        && (cutsOff(i + 2) || view.type(i + 2) == SqlTokenType.COMMA);
            case "into":
                return view.is(i + 1, SqlTokenType.CLAUSE, "outfile")
                        || view.is(i + 1, SqlTokenType.CLAUSE, "dumpfile");
            case "procedure":
                return view.is(i + 1, SqlTokenType.WORD, "analyse");
            default:
                return false;
        }
    }

    private boolean orderTail(int k) {
        if (k < 0) {
            return false;
        }
        int j = view.is(k, SqlTokenType.STATEMENT, "desc") || view.is(k, SqlTokenType.WORD, "asc") ? k + 1 : k;
        return cutsOff(j) || view.is(j, SqlTokenType.CLAUSE, "having")
                || view.is(j, SqlTokenType.CLAUSE, "limit") || view.type(j) == SqlTokenType.COMMA;
    }

    /** A semicolon or comment ends the statement on purpose; the plain end of the value does not. */
    private boolean cutsOff(int i) {
        return view.type(i) == SqlTokenType.SEMICOLON || view.type(i) == SqlTokenType.COMMENT;
    }

    /**
     * An operator continuing the expression: after a break-out, an expression that the query can go on
     * from ({@code '+sleep(1)+'}, {@code '||'6}); in the bare context only a subquery
     * ({@code char(39)+(select ...}). Two operands in a row ({@code "/a/b" to "/c"}) are not SQL.
     */
    private boolean expressionAfterOperator(int i) {
        int j = i + 1;
        if (view.type(j) == SqlTokenType.LEFT_PAREN && view.is(j + 1, SqlTokenType.STATEMENT, "select")) {
            return true;
        }
        if (!strongBreakout) {
            return false;
        }
        if (view.isFunctionCall(j)) {
            return true;
        }
        int k = view.skipExpression(j);
        return k > 0 && followsOperand(k);
    }

    /**
     * Whether the token at {@code i} can follow an operand: an operator, a separator, the end of the
     * query, or a character SQL has no meaning for (which a lenient reading lets pass).
     */
    private boolean followsOperand(int i) {
        switch (view.type(i)) {
            case END, COMMENT, OPERATOR, DOT, LOGIC, COMPARISON, SEMICOLON, RIGHT_PAREN, COMMA, OTHER:
                return true;
            default:
                return false;
        }
    }

    /** {@code x'='x}: a comparison right after the break-out whose right side ends the query. */
    private boolean comparisonTail(int i) {
        if (view.type(i + 1) == SqlTokenType.LEFT_PAREN) {
            return false;
        }
        int k = view.skipOperand(i + 1);
        if (k < 0) {
            return false;
        }
        switch (view.type(k)) {
            case END, COMMENT, LOGIC, SEMICOLON, RIGHT_PAREN:
                return true;
            default:
                return false;
        }
    }

    /** A time-delay or file-access function called where an expression may stand. */
    private String dangerousCallAnywhere() {
        for (int i = 0; i < view.size(); i++) {
            if (view.isDangerousFunctionCall(i) && expressionPosition(i)) {
                return "dangerous-function";
            }
            if (view.is(i, SqlTokenType.STATEMENT, "waitfor") && SqlStatement.isStatement(view, i)
                    && view.type(i + 2) == SqlTokenType.STRING) {
                return "time-delay";
            }
        }
        return null;
    }

    private boolean expressionPosition(int i) {
        if (i == 0 || (quoted && i == 1)) {
            return true;
        }
        switch (view.type(i - 1)) {
            case OPERATOR, LOGIC, COMPARISON, LEFT_PAREN, COMMA, SEMICOLON, STATEMENT, CLAUSE:
                return true;
            default:
                return false;
        }
    }
}
