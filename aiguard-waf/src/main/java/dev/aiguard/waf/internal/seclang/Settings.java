package dev.aiguard.waf.internal.seclang;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The engine-setting directives the parser accepts, each with its canonical spelling and argument
 * count. They become {@link SettingDirective}s; what a value means (and whether AIGuard honours
 * it) is the rule compiler's business. The list covers CRS v3.3/v4, its {@code crs-setup.conf},
 * and ModSecurity's recommended base configuration. A directive not listed here, nor handled by
 * {@link DirectiveParser}, is an error.
 *
 * <p>Values: one argument as written; for directives that take several arguments
 * ({@code SecResponseBodyMimeType text/html text/plain}, {@code SecUnicodeMapFile unicode.mapping 20127})
 * the arguments joined with one space; for {@code SecResponseBodyMimeTypesClear} the empty string.
 */
final class Settings {
    private static final String[] ONE_ARGUMENT = {
        "SecRuleEngine", "SecRequestBodyAccess", "SecResponseBodyAccess",
        "SecRequestBodyLimit", "SecRequestBodyNoFilesLimit", "SecRequestBodyInMemoryLimit",
        "SecRequestBodyLimitAction", "SecRequestBodyJsonDepthLimit", "SecArgumentsLimit",
        "SecResponseBodyLimit", "SecResponseBodyLimitAction",
        "SecArgumentSeparator", "SecCookieFormat", "SecCookieV0Separator", "SecUnicodeCodePage",
        "SecPcreMatchLimit", "SecPcreMatchLimitRecursion", "SecCollectionTimeout",
        "SecTmpDir", "SecDataDir", "SecUploadDir", "SecUploadKeepFiles", "SecUploadFileMode",
        "SecUploadFileLimit", "SecTmpSaveUploadedFiles", "SecXmlExternalEntity",
        "SecDebugLog", "SecDebugLogLevel",
        "SecAuditEngine", "SecAuditLog", "SecAuditLogParts", "SecAuditLogType", "SecAuditLogFormat",
        "SecAuditLogRelevantStatus", "SecAuditLogStorageDir", "SecAuditLogDirMode", "SecAuditLogFileMode",
        "SecStatusEngine", "SecComponentSignature", "SecServerSignature", "SecWebAppId", "SecSensorId",
        "SecInterceptOnError", "SecConnEngine", "SecGeoLookupDb", "SecHttpBlKey",
    };

    private final Map<String, Setting> byLowerName = new HashMap<>();

    /** A known setting directive. */
    record Setting(String name, Arity arity) {
    }

    Settings() {
        for (String name : ONE_ARGUMENT) {
            add(name, Arity.exactly(1));
        }
        add("SecResponseBodyMimeType", new Arity(1, Arity.UNLIMITED));
        add("SecResponseBodyMimeTypesClear", Arity.exactly(0));
        add("SecUnicodeMapFile", new Arity(1, 2));
    }

    private void add(String name, Arity arity) {
        byLowerName.put(name.toLowerCase(Locale.ROOT), new Setting(name, arity));
    }

    /** The setting named {@code lowerName} (already lower-cased), or {@code null}. */
    Setting find(String lowerName) {
        return byLowerName.get(lowerName);
    }
}
