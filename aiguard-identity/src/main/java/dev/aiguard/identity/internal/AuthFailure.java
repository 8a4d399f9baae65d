package dev.aiguard.identity.internal;

import dev.aiguard.api.Severity;

/**
 * Why the identity stage refused a request. Each reason is a rule id (so it can be switched to monitor per rule), an
 * HTTP status and a fixed, credential-free description used in findings and in {@code error_description}.
 */
public enum AuthFailure {
    CREDENTIALS_MISSING("identity.credentials_missing", 401, "no credentials", Severity.LOW),
    API_KEY_UNKNOWN("identity.api_key_unknown", 401, "unknown API key", Severity.MEDIUM),
    API_KEY_REVOKED("identity.api_key_revoked", 401, "revoked API key", Severity.HIGH),
    TOKEN_MALFORMED("identity.token_malformed", 401, "malformed token", Severity.MEDIUM),
    TOKEN_EXPIRED("identity.token_expired", 401, "token expired", Severity.LOW),
    TOKEN_NOT_YET_VALID("identity.token_not_yet_valid", 401, "token not yet valid", Severity.MEDIUM),
    TOKEN_SIGNATURE("identity.token_signature", 401, "invalid token signature", Severity.HIGH),
    TOKEN_ALGORITHM("identity.token_algorithm", 401, "token algorithm not accepted", Severity.HIGH),
    TOKEN_UNKNOWN_KEY("identity.token_unknown_key", 401, "unknown signing key", Severity.MEDIUM),
    TOKEN_ISSUER("identity.token_issuer", 401, "token issuer not accepted", Severity.MEDIUM),
    TOKEN_AUDIENCE("identity.token_audience", 401, "token audience not accepted", Severity.MEDIUM),
    TOKEN_CLAIMS("identity.token_claims", 401, "token claims invalid", Severity.MEDIUM),
    TOKEN_INVALID("identity.token_invalid", 401, "invalid token", Severity.MEDIUM),
    ROUTE_FORBIDDEN("identity.route_forbidden", 403, "route not allowed for this identity", Severity.MEDIUM),
    MODEL_FORBIDDEN("identity.model_forbidden", 403, "model not allowed for this identity", Severity.MEDIUM);

    private final String ruleId;
    private final int httpStatus;
    private final String description;
    private final Severity severity;

    AuthFailure(String ruleId, int httpStatus, String description, Severity severity) {
        this.ruleId = ruleId;
        this.httpStatus = httpStatus;
        this.description = description;
        this.severity = severity;
    }

    public String ruleId() {
        return ruleId;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** Fixed text: never contains request data. */
    public String description() {
        return description;
    }

    public Severity severity() {
        return severity;
    }
}
