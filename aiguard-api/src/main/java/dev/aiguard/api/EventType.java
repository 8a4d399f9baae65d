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
    POLICY_REJECTED
}
