package dev.aiguard.servlet.internal;

import dev.aiguard.api.Verdict;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Writes an RFC 9457 {@code application/problem+json} answer: for a block, or for the filter's own failure. */
public final class ProblemResponse {

    /** Media type of the answers. */
    public static final String CONTENT_TYPE = "application/problem+json";

    private ProblemResponse() {
    }

    /** Answers a blocked request: its status, {@code Retry-After}, the verdict's headers and a problem body. */
    public static void block(HttpServletResponse response, Verdict verdict) throws IOException {
        response.setStatus(verdict.httpStatus());
        verdict.retryAfter().ifPresent(d -> response.setHeader("Retry-After", Long.toString(retryAfterSeconds(d))));
        for (Map.Entry<String, String> header : verdict.responseHeaders().entrySet()) {
            response.setHeader(header.getKey(), header.getValue());
        }
        write(response, verdict.httpStatus(), verdict.reason(), verdict.exchange().requestId());
    }

    /** Answers 500 when the filter itself failed, if the response can still be changed. */
    public static void internalError(HttpServletResponse response) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.reset();
        response.setStatus(500);
        write(response, 500, "aiguard.internal_error", null);
    }

    /** Seconds for {@code Retry-After}: rounded up, so a client never retries early. */
    static long retryAfterSeconds(Duration d) {
        long seconds = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
        return Math.max(0, seconds);
    }

    private static void write(HttpServletResponse response, int status, String reason, String requestId)
            throws IOException {
        StringBuilder json = new StringBuilder(160)
                .append("{\"type\":\"about:blank\",\"title\":");
        quote(json, title(status));
        json.append(",\"status\":").append(status).append(",\"reason\":");
        quote(json, reason);
        if (requestId != null) {
            json.append(",\"requestId\":");
            quote(json, requestId);
        }
        json.append('}');
        byte[] body = json.toString().getBytes(StandardCharsets.UTF_8);
        response.setContentType(CONTENT_TYPE);
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        try (OutputStream out = response.getOutputStream()) {
            out.write(body);
        }
    }

    static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 408 -> "Request Timeout";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> status < 500 ? "Request Refused" : "Server Error";
        };
    }

    private static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
