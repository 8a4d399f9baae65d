package dev.aiguard.api.adapter;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.aiguard.api.Block;
import dev.aiguard.api.Headers;
import dev.aiguard.api.Verdict;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an adapter sends for a blocked request, or for its own failure: the status, the headers and an RFC 9457
 * {@code application/problem+json} body, independent of any framework. Adapters copy it onto their response (and add
 * {@code Content-Length} for {@link #body()}).
 *
 * <p>Headers: {@code Content-Type}, {@code Cache-Control: no-store}, {@code Retry-After} (whole seconds, rounded up)
 * when the verdict has one, then the verdict's own response headers ({@code WWW-Authenticate}, RateLimit fields).
 * The body names the status, its title and the block's reason code; rule ids and findings stay out of it.
 *
 * @param status  the HTTP status
 * @param headers the headers to set, in order
 * @param body    the problem document, UTF-8; callers must not modify the array
 */
public record ProblemAnswer(int status, Headers headers, byte[] body) {

    /** Media type of the body. */
    public static final String CONTENT_TYPE = "application/problem+json";

    /** Reason code of the answer to an internal AIGuard failure. */
    public static final String INTERNAL_ERROR = "aiguard.internal_error";

    /** The answer to a blocked verdict. */
    public static ProblemAnswer forBlock(Verdict verdict) {
        List<Headers.Header> headers = new ArrayList<>(4 + verdict.responseHeaders().size());
        commonHeaders(headers);
        verdict.retryAfter().ifPresent(d -> headers.add(new Headers.Header("Retry-After",
                Long.toString(retryAfterSeconds(d)))));
        for (Map.Entry<String, String> header : verdict.responseHeaders().entrySet()) {
            headers.add(new Headers.Header(header.getKey(), header.getValue()));
        }
        int status = verdict.httpStatus();
        return new ProblemAnswer(status, Headers.of(headers),
                document(status, verdict.reason(), verdict.exchange() == null ? null : verdict.exchange().requestId()));
    }

    /**
     * The answer to a block decided on the response side, while nothing of the response has been sent yet (an output
     * stage stopped a whole JSON answer): the block's status and reason, as a refused request gets them.
     *
     * @param requestId the exchange's request id, or {@code null}
     */
    public static ProblemAnswer forBlock(Block block, String requestId) {
        List<Headers.Header> headers = new ArrayList<>(4 + block.responseHeaders().size());
        commonHeaders(headers);
        if (block.retryAfter() != null) {
            headers.add(new Headers.Header("Retry-After", Long.toString(retryAfterSeconds(block.retryAfter()))));
        }
        for (Map.Entry<String, String> header : block.responseHeaders().entrySet()) {
            headers.add(new Headers.Header(header.getKey(), header.getValue()));
        }
        return new ProblemAnswer(block.httpStatus(), Headers.of(headers),
                document(block.httpStatus(), block.reason(), requestId));
    }

    /** The answer when AIGuard itself failed: 500, reason {@value #INTERNAL_ERROR}, no request data. */
    public static ProblemAnswer internalError() {
        List<Headers.Header> headers = new ArrayList<>(2);
        commonHeaders(headers);
        return new ProblemAnswer(500, Headers.of(headers), document(500, INTERNAL_ERROR, null));
    }

    /**
     * An answer the adapter itself gives for a request it cannot hand on (e.g. a body over its buffering limit):
     * the status and a reason code, no request data.
     */
    public static ProblemAnswer of(int status, String reason) {
        return of(status, reason, null);
    }

    /** As {@link #of(int, String)}, naming the request id ({@code null}: none) in the body's {@code requestId}. */
    public static ProblemAnswer of(int status, String reason, String requestId) {
        List<Headers.Header> headers = new ArrayList<>(2);
        commonHeaders(headers);
        return new ProblemAnswer(status, Headers.of(headers), document(status, reason, requestId));
    }

    /**
     * Seconds for {@code Retry-After}: rounded up, so a client never retries early, and at least 1, because
     * {@code Retry-After: 0} invites an immediate retry storm.
     */
    public static long retryAfterSeconds(Duration d) {
        long seconds = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    /** The RFC 9110 reason phrase used as the problem's title. */
    public static String title(int status) {
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

    private static void commonHeaders(List<Headers.Header> headers) {
        headers.add(new Headers.Header("Content-Type", CONTENT_TYPE));
        headers.add(new Headers.Header("Cache-Control", "no-store"));
    }

    private static byte[] document(int status, String reason, String requestId) {
        StringBuilder json = new StringBuilder(160).append("{\"type\":\"about:blank\",\"title\":");
        quote(json, title(status));
        json.append(",\"status\":").append(status).append(",\"reason\":");
        quote(json, reason);
        if (requestId != null) {
            json.append(",\"requestId\":");
            quote(json, requestId);
        }
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void quote(StringBuilder out, String s) {
        out.append('"');
        JsonStringEncoder.getInstance().quoteAsString(s, out);
        out.append('"');
    }
}
