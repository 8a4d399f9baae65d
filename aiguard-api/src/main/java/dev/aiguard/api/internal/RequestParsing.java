package dev.aiguard.api.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.JsonBody;
import dev.aiguard.api.Param;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Parsers behind the built-in request views. Lenient: malformed input gives a defined result, never an exception. */
public final class RequestParsing {

    /** JSON nesting deeper than this is reported as an error instead of parsed. */
    public static final int MAX_JSON_DEPTH = 256;
    /** Arguments beyond this count are ignored (bounded memory per request). */
    public static final int MAX_PARAMS = 10_000;

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_JSON_DEPTH).build())
            .build());

    private RequestParsing() {
    }

    /** Splits {@code a=1&b=%20x+y} into decoded params (UTF-8; invalid escapes kept literally). */
    public static List<Param> parseUrlEncoded(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        List<Param> params = new ArrayList<>();
        int start = 0;
        while (start <= text.length() && params.size() < MAX_PARAMS) {
            int end = text.indexOf('&', start);
            if (end < 0) {
                end = text.length();
            }
            if (end > start) {
                String pair = text.substring(start, end);
                int eq = pair.indexOf('=');
                String name = eq >= 0 ? pair.substring(0, eq) : pair;
                String value = eq >= 0 ? pair.substring(eq + 1) : "";
                params.add(new Param(percentDecode(name), percentDecode(value)));
            }
            start = end + 1;
        }
        return List.copyOf(params);
    }

    /** Form arguments of an {@code application/x-www-form-urlencoded} body. */
    public static List<Param> parseForm(GuardRequest request) {
        if (!"application/x-www-form-urlencoded".equals(request.contentType())) {
            return List.of();
        }
        return parseUrlEncoded(new String(request.body(), StandardCharsets.UTF_8));
    }

    /** Cookies from all {@code Cookie} headers ({@code a=1; b=2}). */
    public static List<Param> parseCookies(GuardRequest request) {
        List<Param> cookies = new ArrayList<>();
        for (String header : request.headers().all("Cookie")) {
            for (String part : header.split(";")) {
                String trimmed = part.trim();
                if (trimmed.isEmpty() || cookies.size() >= MAX_PARAMS) {
                    continue;
                }
                int eq = trimmed.indexOf('=');
                cookies.add(eq >= 0
                        ? new Param(trimmed.substring(0, eq).trim(), trimmed.substring(eq + 1).trim())
                        : new Param(trimmed, ""));
            }
        }
        return List.copyOf(cookies);
    }

    /** The body as JSON when its content type says JSON ({@code application/json}, {@code +json}). */
    public static JsonBody parseJson(GuardRequest request) {
        String type = request.contentType();
        boolean json = type.equals("application/json") || type.endsWith("+json") || type.equals("text/json");
        if (!json || request.body().length == 0) {
            return JsonBody.absent();
        }
        if (request.bodyTruncated()) {
            return new JsonBody(null, "body truncated at " + request.body().length + " bytes");
        }
        try (JsonParser parser = JSON.createParser(request.body())) {
            JsonNode tree = JSON.readTree(parser);
            if (tree == null) {
                return new JsonBody(null, "empty JSON document");
            }
            if (parser.nextToken() != null) {
                return new JsonBody(null, "trailing content after the JSON document");
            }
            return new JsonBody(tree, null);
        } catch (IOException | RuntimeException e) {
            return new JsonBody(null, "malformed JSON: " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return nl >= 0 ? message.substring(0, nl) : message;
    }

    /** Decodes {@code %XX} (as UTF-8 bytes) and {@code +}; keeps malformed escapes as written. */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+') {
                out.write(' ');
            } else if (c == '%' && i + 2 < s.length()
                    && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                out.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 2;
            } else {
                // Whole code points: encoding the halves of a surrogate pair separately would turn them into '?'.
                int end = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                        ? i + 2 : i + 1;
                byte[] bytes = s.substring(i, end).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
                i = end - 1;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        // HexFormat accepts ASCII digits only; Character.digit would also take full-width and other Unicode digits.
        return HexFormat.isHexDigit(c) ? HexFormat.fromHexDigit(c) : -1;
    }
}
