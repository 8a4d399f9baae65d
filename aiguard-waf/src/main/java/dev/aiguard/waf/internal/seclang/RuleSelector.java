package dev.aiguard.waf.internal.seclang;

/** How exclusion and update directives select rules. */
public enum RuleSelector {
    /** By id or id range ({@code 942100}, {@code 942100-942199}). */
    BY_ID,
    /** By tag (exact string, or {@code /regex/} when written so). */
    BY_TAG,
    /** By msg (exact string, or {@code /regex/} when written so). */
    BY_MSG
}
