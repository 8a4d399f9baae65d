package dev.aiguard.vertx.internal;

import dev.aiguard.api.Headers;
import dev.aiguard.api.adapter.ProblemAnswer;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** Sends a {@link ProblemAnswer} (RFC 9457 {@code application/problem+json}) as a Vert.x response. */
public final class ProblemWriter {

    private ProblemWriter() {
    }

    /** Ends the response with the answer; the future tells whether it reached the connection. */
    public static Future<Void> write(HttpServerResponse response, ProblemAnswer answer) {
        response.setStatusCode(answer.status());
        for (Headers.Header header : answer.headers().lines()) {
            response.putHeader(header.name(), header.value());
        }
        return response.end(Buffer.buffer(answer.body()));
    }
}
