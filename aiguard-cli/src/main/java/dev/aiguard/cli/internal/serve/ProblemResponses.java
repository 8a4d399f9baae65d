package dev.aiguard.cli.internal.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiguard.api.Verdict;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.time.Duration;
import java.util.Map;

/**
 * Answers refused requests with an RFC 9457 problem document ({@code application/problem+json}):
 * {@code type} names the reason code, {@code detail} is the reason code, {@code instance} the request id. Nothing from
 * the request is echoed.
 */
public final class ProblemResponses {

    /** Media type of RFC 9457 problem details. */
    public static final String PROBLEM_JSON = "application/problem+json";
    /** Prefix of {@code type}: a URN, because these problem types have no page to dereference. */
    static final String TYPE_PREFIX = "urn:aiguard:problem:";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProblemResponses() {
    }

    /** Answers a blocked verdict: its status, {@code Retry-After}, its response headers and a problem body. */
    public static void blocked(Response response, Verdict verdict, String requestId, Callback callback) {
        Map<String, String> extra = verdict.responseHeaders();
        extra.forEach((name, value) -> response.getHeaders().put(name, value));
        verdict.retryAfter().ifPresent(after -> response.getHeaders().put(HttpHeader.RETRY_AFTER, retryAfterSeconds(after)));
        write(response, verdict.httpStatus(), verdict.reason(), requestId, callback);
    }

    /** Answers an internal error of the guard path (500), saying nothing about its cause. */
    public static void internalError(Response response, String requestId, Callback callback) {
        write(response, HttpStatus.INTERNAL_SERVER_ERROR_500, "aiguard.internal_error", requestId, callback);
    }

    /** Writes a problem document with {@code status} and reason code {@code reason}. */
    public static void write(Response response, int status, String reason, String requestId, Callback callback) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, PROBLEM_JSON);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        if (requestId != null) {
            response.getHeaders().put("X-Request-Id", requestId);
        }
        Content.Sink.write(response, true, body(status, reason, requestId), callback);
    }

    /** The problem document as JSON text. */
    static String body(int status, String reason, String requestId) {
        ObjectNode problem = JSON.createObjectNode();
        problem.put("type", TYPE_PREFIX + reason.replaceAll("[^A-Za-z0-9._-]", "_"));
        problem.put("title", HttpStatus.getMessage(status));
        problem.put("status", status);
        problem.put("detail", reason);
        if (requestId != null) {
            problem.put("instance", requestId);
        }
        return problem.toString();
    }

    /** Whole seconds, rounded up, at least 1: {@code Retry-After: 0} would invite an immediate retry storm. */
    static String retryAfterSeconds(Duration after) {
        long millis = Math.max(after.toMillis(), 1);
        return Long.toString(Math.max(1, (millis + 999) / 1000));
    }
}
