package dev.aiguard.waf.internal.detect;

/**
 * Recognises a SELECT statement, as opposed to the English verb "select": a select list followed by
 * FROM and a table, or a select list with something only SQL has ({@code *}, a literal, a function
 * call, a variable, a comma-separated list) followed by the end of the statement.
 */
final class SqlSelect {

    private static final int MAX_ITEMS = 32;

    private SqlSelect() {
    }

    /** @param i the position of the {@code SELECT} keyword */
    static boolean isSelect(SqlTokenView view, int i) {
        int j = i + 1;
        while (view.is(j, SqlTokenType.CLAUSE, "distinct") || view.is(j, SqlTokenType.CLAUSE, "all")) {
            j++;
        }
        if (view.is(j, SqlTokenType.CLAUSE, "top")) {
            return true;
        }
        boolean sqlOnly = false;
        for (int item = 0; item < MAX_ITEMS; item++) {
            if (view.is(j, SqlTokenType.OPERATOR, "*")) {
                sqlOnly = true;
                j++;
            } else {
                sqlOnly |= isSqlOnlyOperand(view, j);
                j = view.skipExpression(j);
                if (j < 0) {
                    return false;
                }
            }
            if (view.is(j, SqlTokenType.CLAUSE, "as")) {
                j++;
            }
            if (view.type(j) == SqlTokenType.WORD) {
                j++;
            }
            if (view.type(j) != SqlTokenType.COMMA) {
                break;
            }
            sqlOnly = true;
            j++;
        }
        return endsSelectList(view, j, sqlOnly);
    }

    private static boolean isSqlOnlyOperand(SqlTokenView view, int j) {
        switch (view.type(j)) {
            case SYSTEM_VARIABLE, VARIABLE, NUMBER, STRING:
                return true;
            default:
                return view.isFunctionCall(j);
        }
    }

    /**
     * After a plain select list the table name must end the statement or lead to a clause:
     * {@code select name from sys.tables;}, but not the English {@code select one from the list}.
     */
    private static boolean endsTableName(SqlTokenView view, int i) {
        int j = i + 1;
        while (view.type(j) == SqlTokenType.DOT && view.type(j + 1) == SqlTokenType.WORD) {
            j += 2;
        }
        switch (view.type(j)) {
            case END, SEMICOLON, COMMENT, CLAUSE, UNION, RIGHT_PAREN, COMMA:
                return true;
            default:
                return false;
        }
    }

    private static boolean endsSelectList(SqlTokenView view, int j, boolean sqlOnly) {
        switch (view.type(j)) {
            case CLAUSE:
                if (view.is(j, SqlTokenType.CLAUSE, "from")) {
                    SqlTokenType table = view.type(j + 1);
                    return table == SqlTokenType.LEFT_PAREN
                            || (table == SqlTokenType.WORD && (sqlOnly || endsTableName(view, j + 1)));
                }
                return view.is(j, SqlTokenType.CLAUSE, "into") || sqlOnly;
            case END, COMMENT, SEMICOLON, RIGHT_PAREN, UNION:
                return sqlOnly;
            default:
                return false;
        }
    }
}
