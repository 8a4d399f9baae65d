package dev.aiguard.waf.internal.detect;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * AIGuard's SQL vocabulary: which words are keywords of which class, and which words name functions.
 * The lists cover the dialects attackers target (MySQL, MS SQL Server, PostgreSQL, Oracle, SQLite,
 * DB2); they only need the words that matter for recognising injection shapes.
 */
final class SqlKeywords {

    private static final Map<String, SqlTokenType> KEYWORDS = buildKeywords();

    /** Functions whose call is an attack on its own: time delays, file and network access, XML errors. */
    private static final Set<String> DANGEROUS_FUNCTIONS = Set.of(
            "sleep", "pg_sleep", "benchmark", "load_file", "extractvalue", "updatexml", "xmltype",
            "dbms_pipe", "dbms_lock", "utl_http", "utl_inaddr", "sys_eval", "sys_exec", "xp_cmdshell",
            "xp_regread", "xp_dirtree", "sp_executesql", "sp_oacreate", "openrowset", "opendatasource",
            "randomblob", "pg_read_file", "lo_import", "dblink", "dblink_exec");

    /** Functions commonly used to build conditions and probes in injections. */
    private static final Set<String> COMMON_FUNCTIONS = Set.of(
            "char", "chr", "nchar", "concat", "concat_ws", "group_concat", "substring", "substr", "mid",
            "ascii", "ord", "hex", "unhex", "bin", "elt", "if", "iif", "ifnull", "isnull", "nullif",
            "coalesce", "md5", "sha1", "sha2", "version", "user", "database", "schema", "system_user",
            "current_user", "session_user", "user_name", "db_name", "count", "length", "len", "lower",
            "upper", "cast", "convert", "is_srvrolemember", "serverproperty", "rand", "now", "sysdate",
            "left", "right", "replace", "reverse", "exp", "floor", "instr", "locate", "position",
            "make_set", "export_set", "name_const", "row", "sqlite_version", "current_database",
            "has_dbs_access", "object_id", "db_id", "host_name", "suser_name", "load_extension",
            "to_char", "to_number", "decode", "unicode", "quotename", "strcmp", "regexp_substr");

    private SqlKeywords() {
    }

    /** @return the token class of a lower-case word: a keyword class, or {@link SqlTokenType#WORD} */
    static SqlTokenType classify(String lowerWord) {
        return KEYWORDS.getOrDefault(lowerWord, SqlTokenType.WORD);
    }

    static boolean isDangerousFunction(String lowerWord) {
        return DANGEROUS_FUNCTIONS.contains(lowerWord);
    }

    static boolean isFunction(String lowerWord) {
        return DANGEROUS_FUNCTIONS.contains(lowerWord) || COMMON_FUNCTIONS.contains(lowerWord);
    }

    private static Map<String, SqlTokenType> buildKeywords() {
        Map<String, SqlTokenType> map = new HashMap<>();
        put(map, SqlTokenType.LOGIC, "and", "or", "xor", "not");
        put(map, SqlTokenType.COMPARISON, "like", "rlike", "ilike", "regexp", "is", "in", "between",
                "sounds", "glob", "match");
        put(map, SqlTokenType.OPERATOR, "div", "mod", "collate", "escape");
        put(map, SqlTokenType.NUMBER, "null", "true", "false", "unknown");
        put(map, SqlTokenType.UNION, "union", "intersect", "except", "minus");
        put(map, SqlTokenType.STATEMENT, "select", "insert", "update", "delete", "drop", "create",
                "alter", "truncate", "exec", "execute", "declare", "waitfor", "shutdown", "print", "begin",
                "if", "desc", "describe", "show", "call", "merge", "grant", "revoke", "rename", "handler");
        put(map, SqlTokenType.CLAUSE, "from", "where", "having", "group", "order", "by", "limit",
                "offset", "into", "values", "top", "all", "distinct", "as", "exists", "procedure", "join",
                "case", "when", "then", "else", "outfile", "dumpfile", "set", "table", "database");
        return Map.copyOf(map);
    }

    private static void put(Map<String, SqlTokenType> map, SqlTokenType type, String... words) {
        for (String word : words) {
            map.put(word, type);
        }
    }
}
