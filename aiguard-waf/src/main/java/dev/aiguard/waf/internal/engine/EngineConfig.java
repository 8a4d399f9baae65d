package dev.aiguard.waf.internal.engine;

import java.util.List;
import java.util.Locale;

/**
 * Engine settings collected from setting directives ({@code SecRuleEngine}, {@code SecRequestBodyAccess}, ...).
 *
 * @param ruleEngine             {@code SecRuleEngine}
 * @param requestBodyAccess      {@code SecRequestBodyAccess}
 * @param requestBodyLimit       {@code SecRequestBodyLimit}: bytes of request body inspected at most
 * @param requestBodyNoFilesLimit {@code SecRequestBodyNoFilesLimit}
 * @param responseBodyAccess     {@code SecResponseBodyAccess}
 * @param responseBodyLimit      {@code SecResponseBodyLimit}
 * @param responseBodyMimeTypes  {@code SecResponseBodyMimeType}: lower-case MIME types whose bodies are inspected
 * @param argumentSeparator      {@code SecArgumentSeparator} (one character)
 * @param requestBodyJsonDepthLimit {@code SecRequestBodyJsonDepthLimit}
 * @param argumentsLimit         {@code SecArgumentsLimit}: arguments a body processor may add
 * @param uploadFileLimit        {@code SecUploadFileLimit}: files a multipart body may carry
 * @param componentSignatures    {@code SecComponentSignature} values
 * @param autoXmlJsonProcessors  choose the XML and JSON body processors from the Content-Type, as the rules
 *                               200000/200001 of ModSecurity's recommended configuration do
 */
public record EngineConfig(RuleEngineMode ruleEngine, boolean requestBodyAccess, int requestBodyLimit,
                           int requestBodyNoFilesLimit, boolean responseBodyAccess, int responseBodyLimit,
                           List<String> responseBodyMimeTypes, char argumentSeparator,
                           int requestBodyJsonDepthLimit, int argumentsLimit, int uploadFileLimit,
                           List<String> componentSignatures, boolean autoXmlJsonProcessors) {

    public EngineConfig {
        responseBodyMimeTypes = List.copyOf(responseBodyMimeTypes);
        componentSignatures = List.copyOf(componentSignatures);
    }

    /** ModSecurity's defaults, except that request body access is on (as every CRS deployment sets it). */
    public static EngineConfig defaults() {
        return new EngineConfig(RuleEngineMode.ON, true, 13_107_200, 131_072, false, 524_288,
                List.of("text/plain", "text/html"), '&', 512, 1000, 100, List.of(), true);
    }

    /** {@code true} when this Content-Type is one of the inspected response MIME types. */
    public boolean inspectsResponseMimeType(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mime = contentType;
        int semicolon = mime.indexOf(';');
        if (semicolon >= 0) {
            mime = mime.substring(0, semicolon);
        }
        return responseBodyMimeTypes.contains(mime.trim().toLowerCase(Locale.ROOT));
    }

    public EngineConfig withRuleEngine(RuleEngineMode mode) {
        return new EngineConfig(mode, requestBodyAccess, requestBodyLimit, requestBodyNoFilesLimit,
                responseBodyAccess, responseBodyLimit, responseBodyMimeTypes, argumentSeparator,
                requestBodyJsonDepthLimit, argumentsLimit, uploadFileLimit, componentSignatures,
                autoXmlJsonProcessors);
    }
}
