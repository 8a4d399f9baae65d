package dev.aiguard.waf.internal.engine;

/** What {@code allow} skips: {@code allow} (all remaining phases but logging), {@code allow:phase}, {@code allow:request}. */
public enum AllowScope {
    ALL, PHASE, REQUEST
}
