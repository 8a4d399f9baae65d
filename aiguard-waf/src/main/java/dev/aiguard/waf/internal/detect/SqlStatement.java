package dev.aiguard.waf.internal.detect;

import java.util.Set;

/**
 * Recognises a statement keyword followed by what makes it a statement rather than an English verb:
 * {@code DROP TABLE users}, {@code EXEC xp_cmdshell}, {@code WAITFOR DELAY}, {@code DECLARE @v} ...
 */
final class SqlStatement {

    private static final Set<String> SCHEMA_OBJECTS = Set.of("table", "database", "user", "procedure",
            "function", "view", "index", "schema", "login", "trigger");

    private SqlStatement() {
    }

    /** @param i the position of a statement keyword */
    static boolean isStatement(SqlTokenView view, int i) {
        SqlToken keyword = view.token(i);
        if (keyword.type() != SqlTokenType.STATEMENT) {
            return false;
        }
        SqlToken next = view.token(i + 1);
        switch (keyword.text()) {
            case "select":
                return SqlSelect.isSelect(view, i);
            case "insert":
                return next.is(SqlTokenType.CLAUSE, "into");
            case "delete":
                return next.is(SqlTokenType.CLAUSE, "from");
            case "update":
                return next.type() == SqlTokenType.WORD && view.is(i + 2, SqlTokenType.CLAUSE, "set");
            case "drop", "create", "alter", "truncate", "grant", "revoke", "rename":
                return SCHEMA_OBJECTS.contains(next.text()) && namesObject(view, i + 2);
            case "exec", "execute":
                return execTarget(view, i + 1);
            case "declare":
                return next.type() == SqlTokenType.VARIABLE;
            case "print":
                return next.type() == SqlTokenType.VARIABLE || next.type() == SqlTokenType.SYSTEM_VARIABLE;
            case "waitfor":
                return next.is(SqlTokenType.WORD, "delay") || next.is(SqlTokenType.WORD, "time");
            case "shutdown":
                return next.type() == SqlTokenType.END || next.type() == SqlTokenType.COMMENT
                        || next.type() == SqlTokenType.SEMICOLON || next.is(SqlTokenType.WORD, "with");
            case "begin":
                return isStatement(view, i + 1);
            case "if":
                return next.type() == SqlTokenType.LEFT_PAREN || isNegation(view, i + 1)
                        || next.is(SqlTokenType.CLAUSE, "exists") || view.isFunctionCall(i + 1);
            case "desc", "describe", "show":
                return next.type() == SqlTokenType.WORD && endsStatement(view, i + 2);
            case "call":
                return view.type(i + 2) == SqlTokenType.LEFT_PAREN && next.type() == SqlTokenType.WORD;
            default:
                return false;
        }
    }

    /** What EXEC runs: a variable, a parenthesised string, or a stored procedure such as xp_cmdshell. */
    private static boolean execTarget(SqlTokenView view, int i) {
        SqlToken target = view.token(i);
        switch (target.type()) {
            case VARIABLE, LEFT_PAREN:
                return true;
            case WORD:
                String name = target.text();
                return name.startsWith("xp") || name.startsWith("sp") || name.equals("master")
                        || name.equals("immediate") || view.type(i + 1) == SqlTokenType.DOT;
            default:
                return false;
        }
    }

    /** {@code DROP TABLE users;}: a name, possibly qualified, then the end, a column list or a comment. */
    private static boolean namesObject(SqlTokenView view, int i) {
        if (view.type(i) != SqlTokenType.WORD) {
            return false;
        }
        SqlTokenType after = view.type(i + 1);
        return endsStatement(view, i + 1) || after == SqlTokenType.LEFT_PAREN || after == SqlTokenType.DOT;
    }

    static boolean endsStatement(SqlTokenView view, int i) {
        SqlTokenType type = view.type(i);
        return type == SqlTokenType.END || type == SqlTokenType.SEMICOLON || type == SqlTokenType.COMMENT;
    }

    static boolean isNegation(SqlTokenView view, int i) {
        return view.is(i, SqlTokenType.LOGIC, "not") || view.is(i, SqlTokenType.OPERATOR, "!");
    }
}
