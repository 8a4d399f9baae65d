package dev.aiguard.cli.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.Headers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One recorded HTTP request in the JSON Lines format of {@code shared/bench/*.jsonl}:
 * {@code {"id","method","uri","version","headers":[[name,value],...],"body"}} or {@code "body_b64"}.
 */
public record RecordedRequest(String id, String method, String uri, String version, List<Headers.Header> headers,
                              byte[] body) {

    /**
     * Reads one line's JSON.
     *
     * @throws IllegalArgumentException naming the field that is missing or malformed
     */
    public static RecordedRequest fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        String id = text(node, "id", null);
        if (id == null) {
            throw new IllegalArgumentException("missing \"id\"");
        }
        List<Headers.Header> headers = new ArrayList<>();
        JsonNode list = node.path("headers");
        if (!list.isMissingNode() && !list.isArray()) {
            throw new IllegalArgumentException("\"headers\" must be an array of [name, value] pairs");
        }
        for (JsonNode pair : list) {
            if (!pair.isArray() || pair.size() != 2) {
                throw new IllegalArgumentException("\"headers\" must be an array of [name, value] pairs");
            }
            headers.add(new Headers.Header(pair.get(0).asText(), pair.get(1).asText()));
        }
        byte[] body;
        if (node.hasNonNull("body_b64")) {
            try {
                body = Base64.getDecoder().decode(node.get("body_b64").asText());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("\"body_b64\" is not valid base64");
            }
        } else {
            body = text(node, "body", "").getBytes(StandardCharsets.UTF_8);
        }
        return new RecordedRequest(id, text(node, "method", "GET"), text(node, "uri", "/"),
                text(node, "version", "HTTP/1.1"), headers, body);
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? fallback : value.asText();
    }

    /** The request as the guard sees it. */
    public GuardRequest toGuardRequest(int maxBodyBytes) {
        return GuardRequest.builder()
                .method(method)
                .uri(uri)
                .protocol(version)
                .headers(Headers.of(headers))
                .body(body)
                .maxBodyBytes(maxBodyBytes)
                .requestId(id)
                .build();
    }
}
