package dev.aiguard.waf.crstest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiguard.waf.HttpHeader;
import dev.aiguard.waf.WafRequest;
import dev.aiguard.waf.WafResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Stands in for the albedo backend the CRS tests run against: {@code POST /reflect} with a JSON spec
 * {@code {status, headers, body, encodedBody}} answers with exactly that response; anything else gets an empty
 * 200. Like Go's HTTP server, a response without Content-Type gets one sniffed from the body.
 */
public final class AlbedoBackend {

    private final ObjectMapper json = new ObjectMapper();

    /** The response the backend gives to {@code request}. */
    public WafResponse respond(WafRequest request) {
        String path = request.uri();
        int q = path.indexOf('?');
        if (q >= 0) {
            path = path.substring(0, q);
        }
        if (path.equals("/reflect") || path.endsWith("://localhost/reflect")) {
            try {
                return reflect(json.readTree(request.body()));
            } catch (IOException | RuntimeException e) {
                return new WafResponse(400, "HTTP/1.1", List.of(), new byte[0]);
            }
        }
        return new WafResponse(200, "HTTP/1.1", List.of(new HttpHeader("Content-Length", "0")), new byte[0]);
    }

    private static WafResponse reflect(JsonNode spec) {
        int status = spec.path("status").asInt(200);
        if (status < 100 || status > 999) {
            status = 200;
        }
        byte[] body;
        if (spec.hasNonNull("encodedBody")) {
            body = Base64.getMimeDecoder().decode(spec.get("encodedBody").asText());
        } else {
            body = spec.path("body").asText("").getBytes(StandardCharsets.UTF_8);
        }
        List<HttpHeader> headers = new ArrayList<>();
        boolean hasContentType = false;
        for (Map.Entry<String, JsonNode> f : spec.path("headers").properties()) {
            String value = new String(f.getValue().asText().getBytes(StandardCharsets.UTF_8),
                    StandardCharsets.ISO_8859_1);
            headers.add(new HttpHeader(f.getKey(), value));
            hasContentType |= f.getKey().equalsIgnoreCase("Content-Type");
        }
        if (!hasContentType && body.length > 0) {
            headers.add(new HttpHeader("Content-Type", sniff(body)));
        }
        headers.add(new HttpHeader("Content-Length", Integer.toString(body.length)));
        return new WafResponse(status, "HTTP/1.1", headers, body);
    }

    /** A small version of Go's content sniffing: HTML and XML signatures, else text or binary. */
    static String sniff(byte[] body) {
        String start = new String(body, 0, Math.min(body.length, 512), StandardCharsets.ISO_8859_1).stripLeading()
                .toLowerCase(Locale.ROOT);
        for (String tag : new String[] {"<!doctype html", "<html", "<head", "<script", "<iframe", "<h1", "<div",
            "<font", "<table", "<a", "<style", "<title", "<b", "<body", "<br", "<p", "<!--"}) {
            if (start.startsWith(tag) && start.length() > tag.length()
                    && (start.charAt(tag.length()) == ' ' || start.charAt(tag.length()) == '>')) {
                return "text/html; charset=utf-8";
            }
        }
        if (start.startsWith("<?xml")) {
            return "text/xml; charset=utf-8";
        }
        for (byte b : body) {
            int c = b & 0xff;
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != 0x0c && c != 0x1b) {
                return "application/octet-stream";
            }
        }
        return "text/plain; charset=utf-8";
    }
}
