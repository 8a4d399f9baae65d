package dev.aiguard.servlet.internal;

import dev.aiguard.api.Headers;
import dev.aiguard.api.Verdict;
import dev.aiguard.api.adapter.ProblemAnswer;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.OutputStream;

/** Writes a {@link ProblemAnswer} (RFC 9457 {@code application/problem+json}) onto a servlet response. */
public final class ProblemResponse {

    private ProblemResponse() {
    }

    /** Answers a blocked request: its status, {@code Retry-After}, the verdict's headers and a problem body. */
    public static void block(HttpServletResponse response, Verdict verdict) throws IOException {
        write(response, ProblemAnswer.forBlock(verdict));
    }

    /** Answers 500 when the filter itself failed, if the response can still be changed. */
    public static void internalError(HttpServletResponse response) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.reset();
        write(response, ProblemAnswer.internalError());
    }

    private static void write(HttpServletResponse response, ProblemAnswer answer) throws IOException {
        response.setStatus(answer.status());
        for (Headers.Header header : answer.headers().lines()) {
            response.setHeader(header.name(), header.value());
        }
        response.setContentLength(answer.body().length);
        try (OutputStream out = response.getOutputStream()) {
            out.write(answer.body());
        }
    }
}
