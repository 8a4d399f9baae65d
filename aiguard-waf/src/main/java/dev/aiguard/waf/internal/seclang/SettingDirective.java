package dev.aiguard.waf.internal.seclang;

/**
 * A directive that sets an engine option and takes one argument, e.g. {@code SecRuleEngine On},
 * {@code SecRequestBodyAccess On}, {@code SecRequestBodyLimit 13107200},
 * {@code SecComponentSignature "OWASP_CRS/4.28.0"}.
 *
 * @param name  directive name as written (e.g. {@code SecRuleEngine})
 * @param value the argument, unquoted
 */
public record SettingDirective(String name, String value, SourceLocation location) implements Directive {
}
