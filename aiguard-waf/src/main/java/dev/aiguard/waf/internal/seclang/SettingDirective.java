package dev.aiguard.waf.internal.seclang;

/**
 * A directive that sets an engine option and takes one argument, e.g. {@code SecRuleEngine On},
 * {@code SecRequestBodyAccess On}, {@code SecRequestBodyLimit 13107200},
 * {@code SecComponentSignature "OWASP_CRS/4.28.0"}.
 *
 * @param name  directive name in its canonical spelling (e.g. {@code SecRuleEngine}, also when written
 *              {@code secruleengine}; directive names are case-insensitive)
 * @param value the argument, unquoted; for the few settings that take several arguments
 *              ({@code SecResponseBodyMimeType}, {@code SecUnicodeMapFile}) the arguments joined by one space
 */
public record SettingDirective(String name, String value, SourceLocation location) implements Directive {
}
