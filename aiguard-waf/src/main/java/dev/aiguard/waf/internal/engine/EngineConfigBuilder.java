package dev.aiguard.waf.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Collects setting directives into an {@link EngineConfig}. */
final class EngineConfigBuilder {

    /** Settings that only concern logging, storage or the host web server: accepted and ignored. */
    private static final Set<String> IGNORED = Set.of(
            "secauditengine", "secauditlog", "secauditlog2", "secauditlogparts", "secauditlogtype",
            "secauditlogformat", "secauditlogstoragedir", "secauditlogrelevantstatus", "secauditlogdirmode",
            "secauditlogfilemode", "secdebuglog", "secdebugloglevel", "sectmpdir", "secdatadir", "secuploaddir",
            "secuploadkeepfiles", "secuploadfilemode", "sectmpsaveuploadedfiles", "secpcrematchlimit",
            "secpcrematchlimitrecursion", "secrequestbodylimitaction", "secresponsebodylimitaction",
            "secrequestbodyinmemorylimit", "seccollectiontimeout", "secunicodemapfile", "seccookieformat",
            "secstatusengine", "secserversignature", "secgeolookupdb", "secxmlexternalentity",
            "secresponsebodymimetypesclear", "secwebappid", "secsensorid", "secconnengine", "secinterceptonerror",
            "sechashengine", "sechashkey", "sechashparam", "sechashmethodrx", "sechashmethodpm",
            "secdisablebackendcompression", "secstreaminbodyinspection", "secstreamoutbodyinspection",
            "secruleperftime", "seccachetransformations", "secchrootdir", "secguardianlog", "secremoterules",
            "secremoterulesfailaction", "secunicodecodepage", "secrequestbodyjsondepthlimit_ignored");

    private RuleEngineMode ruleEngine;
    private boolean requestBodyAccess;
    private int requestBodyLimit;
    private int requestBodyNoFilesLimit;
    private boolean responseBodyAccess;
    private int responseBodyLimit;
    private List<String> mimeTypes;
    private boolean mimeTypesSet;
    private char separator;
    private int jsonDepth;
    private int argumentsLimit;
    private int uploadFileLimit;
    private final List<String> signatures = new ArrayList<>();
    private final boolean autoXmlJson;

    EngineConfigBuilder(EngineConfig base) {
        ruleEngine = base.ruleEngine();
        requestBodyAccess = base.requestBodyAccess();
        requestBodyLimit = base.requestBodyLimit();
        requestBodyNoFilesLimit = base.requestBodyNoFilesLimit();
        responseBodyAccess = base.responseBodyAccess();
        responseBodyLimit = base.responseBodyLimit();
        mimeTypes = new ArrayList<>(base.responseBodyMimeTypes());
        separator = base.argumentSeparator();
        jsonDepth = base.requestBodyJsonDepthLimit();
        argumentsLimit = base.argumentsLimit();
        uploadFileLimit = base.uploadFileLimit();
        signatures.addAll(base.componentSignatures());
        autoXmlJson = base.autoXmlJsonProcessors();
    }

    /**
     * Applies one setting.
     *
     * @throws IllegalArgumentException for an unknown setting or a bad value
     */
    void apply(String name, String value) {
        String v = value == null ? "" : value.trim();
        switch (name.toLowerCase(Locale.ROOT)) {
            case "secruleengine" -> ruleEngine = RuleEngineMode.parse(v);
            case "secrequestbodyaccess" -> requestBodyAccess = onOff(v);
            case "secresponsebodyaccess" -> responseBodyAccess = onOff(v);
            case "secrequestbodylimit" -> requestBodyLimit = positive(v);
            case "secrequestbodynofileslimit" -> requestBodyNoFilesLimit = positive(v);
            case "secresponsebodylimit" -> responseBodyLimit = positive(v);
            case "secrequestbodyjsondepthlimit" -> jsonDepth = positive(v);
            case "secargumentslimit" -> argumentsLimit = positive(v);
            case "secuploadfilelimit" -> uploadFileLimit = positive(v);
            case "seccomponentsignature" -> signatures.add(v);
            case "secargumentseparator" -> {
                if (v.length() != 1) {
                    throw new IllegalArgumentException("SecArgumentSeparator needs one character, got '" + v + "'");
                }
                separator = v.charAt(0);
            }
            case "secresponsebodymimetype" -> {
                if (!mimeTypesSet) {
                    mimeTypes.clear();
                    mimeTypesSet = true;
                }
                for (String type : v.split("\\s+")) {
                    if (!type.isEmpty()) {
                        mimeTypes.add(type.toLowerCase(Locale.ROOT));
                    }
                }
            }
            default -> {
                if (!IGNORED.contains(name.toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException("unsupported directive '" + name + "'");
                }
            }
        }
    }

    EngineConfig build() {
        return new EngineConfig(ruleEngine, requestBodyAccess, requestBodyLimit, requestBodyNoFilesLimit,
                responseBodyAccess, responseBodyLimit, mimeTypes, separator, jsonDepth, argumentsLimit,
                uploadFileLimit, signatures, autoXmlJson);
    }

    private static boolean onOff(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException("expected On or Off but got '" + v + "'");
        };
    }

    private static int positive(String v) {
        try {
            long n = Long.parseLong(v);
            if (n <= 0) {
                throw new IllegalArgumentException("expected a positive number but got '" + v + "'");
            }
            return (int) Math.min(n, Integer.MAX_VALUE);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a number but got '" + v + "'", e);
        }
    }
}
