package dev.aiguard.waf.internal.engine;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The SecLang variables the engine knows. A collection holds named values ({@code ARGS:foo}); a scalar
 * holds one value logged under the variable's own name.
 */
public enum Variable {
    ARGS(true), ARGS_GET(true), ARGS_POST(true), ARGS_NAMES(true), ARGS_GET_NAMES(true),
    ARGS_POST_NAMES(true), ARGS_COMBINED_SIZE(false),
    REQUEST_HEADERS(true), REQUEST_HEADERS_NAMES(true), REQUEST_COOKIES(true), REQUEST_COOKIES_NAMES(true),
    REQUEST_FILENAME(false), REQUEST_BASENAME(false), REQUEST_URI(false), REQUEST_URI_RAW(false),
    REQUEST_LINE(false), REQUEST_METHOD(false), REQUEST_PROTOCOL(false), QUERY_STRING(false),
    REQUEST_BODY(false), REQUEST_BODY_LENGTH(false), REQBODY_PROCESSOR(false), REQBODY_ERROR(false),
    REQBODY_ERROR_MSG(false), REQBODY_PROCESSOR_ERROR(false), REQBODY_PROCESSOR_ERROR_MSG(false),
    FULL_REQUEST(false), FULL_REQUEST_LENGTH(false), PATH_INFO(false), AUTH_TYPE(false),
    MULTIPART_BOUNDARY_QUOTED(false), MULTIPART_BOUNDARY_WHITESPACE(false), MULTIPART_DATA_BEFORE(false),
    MULTIPART_DATA_AFTER(false), MULTIPART_HEADER_FOLDING(false), MULTIPART_LF_LINE(false),
    MULTIPART_CRLF_LF_LINES(false), MULTIPART_MISSING_SEMICOLON(false), MULTIPART_INVALID_QUOTING(false),
    MULTIPART_INVALID_PART(false), MULTIPART_INVALID_HEADER_FOLDING(false),
    MULTIPART_FILE_LIMIT_EXCEEDED(false), MULTIPART_UNMATCHED_BOUNDARY(false), MULTIPART_STRICT_ERROR(false),
    MULTIPART_PART_HEADERS(true), MULTIPART_FILENAME(false), MULTIPART_NAME(false),
    FILES(true), FILES_NAMES(true), FILES_SIZES(true), FILES_COMBINED_SIZE(false), FILES_TMPNAMES(true),
    XML(true), TX(true), ENV(true), RULE(true),
    // Persistent collections (initcol/setsid/setuid) and GeoIP are not kept: they read as empty, so rule sets that
    // use them (CRS 3.3's IP reputation and DoS rules) load and those rules simply never match.
    IP(true), GLOBAL(true), SESSION(true), USER(true), RESOURCE(true), GEO(true),
    MATCHED_VAR(false), MATCHED_VAR_NAME(false), MATCHED_VARS(true), MATCHED_VARS_NAMES(true),
    REMOTE_ADDR(false), REMOTE_HOST(false), REMOTE_PORT(false), REMOTE_USER(false),
    SERVER_NAME(false), SERVER_ADDR(false), SERVER_PORT(false), UNIQUE_ID(false), DURATION(false),
    HIGHEST_SEVERITY(false), URLENCODED_ERROR(false), INBOUND_DATA_ERROR(false), OUTBOUND_DATA_ERROR(false),
    TIME(false), TIME_EPOCH(false), TIME_YEAR(false), TIME_MON(false), TIME_DAY(false), TIME_HOUR(false),
    TIME_MIN(false), TIME_SEC(false), TIME_WDAY(false),
    RESPONSE_STATUS(false), RESPONSE_PROTOCOL(false), STATUS_LINE(false), RESPONSE_HEADERS(true),
    RESPONSE_HEADERS_NAMES(true), RESPONSE_BODY(false), RESPONSE_CONTENT_TYPE(false),
    RESPONSE_CONTENT_LENGTH(false), WEBSERVER_ERROR_LOG(false),
    // LLM payload (dev.aiguard.waf.LlmFields): prompt segments keyed by JSON path, and two scalars. Empty/unset when
    // the request carries no LLM payload.
    LLM_PROMPT(true), LLM_SYSTEM(true), LLM_USER(true), LLM_ASSISTANT(true), LLM_TOOL_RESULT(true),
    LLM_MODEL(false), LLM_MAX_TOKENS(false);

    private static final Map<String, Variable> BY_NAME = byName();

    private static Map<String, Variable> byName() {
        Map<String, Variable> map = new HashMap<>();
        for (Variable v : values()) {
            map.put(v.name(), v);
        }
        return Map.copyOf(map);
    }

    private final boolean collection;

    Variable(boolean collection) {
        this.collection = collection;
    }

    /** {@code true} for variables with named members ({@code ARGS:foo}). */
    public boolean isCollection() {
        return collection;
    }

    /** Looks a variable up by its SecLang name, case-insensitively. */
    public static Optional<Variable> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name.toUpperCase(Locale.ROOT)));
    }
}
