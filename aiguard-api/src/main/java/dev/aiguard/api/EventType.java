package dev.aiguard.api;

/** What a {@link SecurityEvent} reports. */
public enum EventType {
    /** A request was refused. */
    REQUEST_BLOCKED,
    /** A request went through, but something in monitor mode would have blocked it. */
    REQUEST_WOULD_BLOCK,
    /** A request went through (sampled). */
    REQUEST_ALLOWED,
    /** A stage threw or overran its budget. */
    STAGE_FAILURE,
    /** A new policy was loaded. */
    POLICY_LOADED,
    /** A policy change was rejected; the last good policy stays. */
    POLICY_REJECTED,
    /** An outbound connection (egress guard) was refused. */
    EGRESS_DENIED,
    /** An outbound connection went through, but the egress policy in monitor mode would have refused it. */
    EGRESS_WOULD_DENY,
    /** An outbound connection through the egress proxy was allowed and has ended (bytes and duration in cost). */
    EGRESS_ALLOWED,
    /** An output stage stopped a response (or refused a whole one) because of what the model answered. */
    RESPONSE_BLOCKED,
    /** An output stage rewrote parts of a response (redaction); the client got the rest. */
    RESPONSE_REDACTED,
    /** An output stage reported findings in a response and let it through unchanged (flag, audit or monitor). */
    RESPONSE_FLAGGED
}
