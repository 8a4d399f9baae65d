package dev.aiguard.waf.internal.seclang;

/**
 * One element of a rule's target list, e.g. {@code ARGS}, {@code !REQUEST_HEADERS:Referer},
 * {@code &TX:foo} or {@code REQUEST_COOKIES:/^_ga/}.
 *
 * @param collection upper-cased variable name ({@code ARGS}, {@code TX}, {@code XML}, ...)
 * @param key        the selector after {@code :}, unquoted; {@code null} when absent
 * @param keyIsRegex the selector was written {@code /regex/} (key holds the regex without slashes)
 * @param count      prefixed with {@code &}: the number of matching values
 * @param exclude    prefixed with {@code !}: removes matching values from the rule's targets
 */
public record Target(String collection, String key, boolean keyIsRegex, boolean count, boolean exclude) {
}
