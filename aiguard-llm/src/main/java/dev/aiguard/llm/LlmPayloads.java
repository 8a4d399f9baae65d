package dev.aiguard.llm;

import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.RequestView;
import dev.aiguard.llm.internal.parse.JsonLimits;
import dev.aiguard.llm.internal.parse.LlmPayloadParser;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Entry point for reading LLM payloads. {@link #VIEW} is the shared, memoized parse of a request: every stage that asks
 * for it (prompt detection, cost estimation, field-scoped WAF) gets the same {@link LlmRequest} without re-parsing.
 */
public final class LlmPayloads {

    private static final LlmPayloadParser PARSER = new LlmPayloadParser(JsonLimits.DEFAULTS);

    /** The request's LLM payload, with the format detected from path and body shape. */
    public static final RequestView<LlmRequest> VIEW = RequestView.of("llm", r -> parse(r, LlmFormat.UNKNOWN));

    private LlmPayloads() {
    }

    /** The shared parse of {@code request} (detected format). */
    public static LlmRequest of(GuardRequest request) {
        return request.view(VIEW);
    }

    /**
     * A view that forces formats for some routes, for services whose paths do not reveal the API (e.g. a proxy that
     * serves Anthropic payloads under {@code /llm}). Keys are path prefixes; the longest matching prefix wins; other
     * paths are detected as usual. Create it once (per policy), not per request: views are identified by instance.
     */
    public static RequestView<LlmRequest> viewWithRoutes(Map<String, LlmFormat> routes) {
        if (routes.isEmpty()) {
            return VIEW;
        }
        Map<String, LlmFormat> copy = new LinkedHashMap<>(routes);
        return RequestView.of("llm" + copy, r -> parse(r, route(copy, r.path())));
    }

    /** Parses a body directly, e.g. from a replay file. Never throws. */
    public static LlmRequest parse(LlmFormat format, String path, byte[] body) {
        return PARSER.parse(format, path, body, body.length, false);
    }

    private static LlmRequest parse(GuardRequest request, LlmFormat forced) {
        if (!isJsonOrUntyped(request.contentType())) {
            return LlmRequest.notLlm();
        }
        byte[] body = request.body();
        return PARSER.parse(forced, request.path(), body, body.length, request.bodyTruncated());
    }

    private static boolean isJsonOrUntyped(String contentType) {
        String ct = contentType.toLowerCase(Locale.ROOT);
        return ct.isEmpty() || ct.equals("application/json") || ct.endsWith("+json") || ct.equals("text/plain");
    }

    private static LlmFormat route(Map<String, LlmFormat> routes, String path) {
        String best = null;
        for (String prefix : routes.keySet()) {
            if (path.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return best == null ? LlmFormat.UNKNOWN : routes.get(best);
    }
}
