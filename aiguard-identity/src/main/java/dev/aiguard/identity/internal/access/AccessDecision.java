package dev.aiguard.identity.internal.access;

/** The outcome of the per-identity access rules for one request. */
public enum AccessDecision {
    ALLOWED,
    /** No rule applying to the caller allows this route and method. */
    ROUTE_FORBIDDEN,
    /** A rule allows the route and method, but not the model the request names (or it names none). */
    MODEL_FORBIDDEN
}
