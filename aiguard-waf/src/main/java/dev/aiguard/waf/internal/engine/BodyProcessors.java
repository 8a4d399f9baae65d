package dev.aiguard.waf.internal.engine;

import java.util.Locale;

/**
 * Chooses the request-body processor from the Content-Type before phase 1, as ModSecurity does:
 * URLENCODED for {@code application/x-www-form-urlencoded}, MULTIPART for {@code multipart/form-data}, and, when
 * {@link EngineConfig#autoXmlJsonProcessors()} is set (the equivalent of the recommended configuration's rules
 * 200000/200001), XML for {@code (application|text)/xml, application/soap+xml} and JSON for
 * {@code application/json}. Rules may change the choice in phase 1 with {@code ctl:requestBodyProcessor}.
 */
final class BodyProcessors {

    private BodyProcessors() {
    }

    static String forContentType(String contentType, EngineConfig config) {
        if (contentType == null) {
            return null;
        }
        String ct = contentType.trim().toLowerCase(Locale.ROOT);
        if (ct.startsWith("application/x-www-form-urlencoded")) {
            return "URLENCODED";
        }
        if (ct.startsWith("multipart/form-data")) {
            return "MULTIPART";
        }
        if (config.autoXmlJsonProcessors()) {
            if (ct.startsWith("application/xml") || ct.startsWith("text/xml")
                    || ct.startsWith("application/soap+xml")) {
                return "XML";
            }
            if (ct.startsWith("application/json")) {
                return "JSON";
            }
        }
        return null;
    }
}
