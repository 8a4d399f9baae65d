package dev.aiguard.identity.internal.jwt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiguard.identity.internal.AuthException;
import dev.aiguard.identity.internal.AuthFailure;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/**
 * A cheap structural check before any cryptography: three Base64url parts, a JSON-object header with a string
 * {@code alg} the policy accepts, no compression, no unencoded payload. It turns {@code alg: none} (in any
 * spelling), JWE and garbage into clear reasons.
 *
 * @param algorithm the header's {@code alg}
 * @param kid       the header's {@code kid}, or {@code null}
 */
public record TokenShape(String algorithm, String kid) {

    /** Longest token looked at; real tokens are a few KiB at most. */
    public static final int MAX_CHARS = 16 * 1024;
    private static final int MAX_HEADER_CHARS = 2048;

    /**
     * Checks a compact JWS.
     *
     * @throws AuthException with {@link AuthFailure#TOKEN_MALFORMED} or {@link AuthFailure#TOKEN_ALGORITHM}
     */
    public static TokenShape check(String token, Set<String> allowedAlgorithms, ObjectMapper json) {
        if (token.isEmpty() || token.length() > MAX_CHARS) {
            throw malformed(token.isEmpty() ? "empty" : "too long");
        }
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (first <= 0 || second < 0 || token.indexOf('.', second + 1) >= 0) {
            throw malformed("expected three dot-separated parts");
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            boolean b64url = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '_' || c == '.';
            if (!b64url) {
                throw malformed("not Base64url");
            }
        }
        if (first > MAX_HEADER_CHARS) {
            throw malformed("header too long");
        }
        JsonNode header = header(token.substring(0, first), json);
        JsonNode alg = header.get("alg");
        if (alg == null || !alg.isTextual()) {
            throw malformed("no alg");
        }
        String algorithm = alg.textValue();
        if ("none".equalsIgnoreCase(algorithm) || !allowedAlgorithms.contains(algorithm)) {
            throw new AuthException(AuthFailure.TOKEN_ALGORITHM);
        }
        if (header.has("zip") || header.has("b64") || header.has("enc")) {
            throw malformed("unsupported header");
        }
        if (second == first + 1 || second == token.length() - 1) {
            throw malformed(second == token.length() - 1 ? "no signature" : "empty payload");
        }
        JsonNode kid = header.get("kid");
        if (kid != null && !kid.isTextual()) {
            throw malformed("kid is not a string");
        }
        return new TokenShape(algorithm, kid == null ? null : kid.textValue());
    }

    private static JsonNode header(String part, ObjectMapper json) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw malformed("header is not Base64url");
        }
        try {
            JsonNode node = json.readTree(new String(bytes, StandardCharsets.UTF_8));
            if (node == null || !node.isObject()) {
                throw malformed("header is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw malformed("header is not JSON");
        }
    }

    private static AuthException malformed(String detail) {
        return new AuthException(AuthFailure.TOKEN_MALFORMED, detail, null);
    }
}
