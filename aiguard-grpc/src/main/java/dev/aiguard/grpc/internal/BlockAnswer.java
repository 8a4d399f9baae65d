package dev.aiguard.grpc.internal;

import com.google.protobuf.Any;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import dev.aiguard.api.Block;
import dev.aiguard.api.Verdict;
import dev.aiguard.api.adapter.ProblemAnswer;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.protobuf.ProtoUtils;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * How a blocked call is answered: the verdict's gRPC status with the reason as description, and trailers carrying
 * what the servlet adapter puts in headers and the problem body.
 *
 * <ul>
 *   <li>{@code grpc-status-details-bin}: a {@code google.rpc.Status} with an {@code ErrorInfo} (reason, domain
 *       {@code aiguard.dev}, request id, rule ids, stage) and, when the verdict says when to retry, a
 *       {@code RetryInfo} ({@code io.grpc.protobuf.StatusProto.fromThrowable} reads it on the client);
 *   <li>{@code retry-after}: whole seconds, rounded up, for clients that do not read the details;
 *   <li>the verdict's response headers ({@code www-authenticate}, {@code ratelimit}, {@code ratelimit-policy}) as
 *       lower-case trailers, their values reduced to printable ASCII.
 * </ul>
 */
public final class BlockAnswer {

    /** The domain of {@code ErrorInfo}. */
    public static final String DOMAIN = "aiguard.dev";

    /** The rich error model's trailer, as {@code io.grpc.protobuf.StatusProto} reads it. */
    private static final Metadata.Key<com.google.rpc.Status> DETAILS = Metadata.Key.of("grpc-status-details-bin",
            ProtoUtils.metadataMarshaller(com.google.rpc.Status.getDefaultInstance()));
    private static final Metadata.Key<String> RETRY_AFTER = Metadata.Key.of("retry-after", Metadata.ASCII_STRING_MARSHALLER);

    private final Status status;
    private final Metadata trailers;

    private BlockAnswer(Status status, Metadata trailers) {
        this.status = status;
        this.trailers = trailers;
    }

    public static BlockAnswer of(Verdict verdict) {
        Block block = verdict.block().orElseThrow(() -> new IllegalArgumentException("verdict does not block"));
        return of(block, verdict.blockingStage(), verdict.exchange() == null ? null : verdict.exchange().requestId());
    }

    /**
     * The answer to a block decided on the response side (an output stage cut the response): the same status and
     * trailers a request-side block gets.
     *
     * @param stage     the stage that blocked, or {@code null}
     * @param requestId the exchange's request id, or {@code null}
     */
    public static BlockAnswer of(Block block, String stage, String requestId) {
        Status status = Status.fromCodeValue(block.grpcStatus()).withDescription(block.reason());
        Metadata trailers = new Metadata();
        com.google.rpc.Status.Builder details = com.google.rpc.Status.newBuilder()
                .setCode(block.grpcStatus())
                .setMessage(block.reason())
                .addDetails(Any.pack(errorInfo(block, stage, requestId)));
        if (block.retryAfter() != null) {
            Duration delay = block.retryAfter();
            details.addDetails(Any.pack(RetryInfo.newBuilder().setRetryDelay(protoDuration(delay)).build()));
            trailers.put(RETRY_AFTER, Long.toString(ProblemAnswer.retryAfterSeconds(delay)));
        }
        trailers.put(DETAILS, details.build());
        for (Map.Entry<String, String> header : block.responseHeaders().entrySet()) {
            putHeader(trailers, header.getKey(), header.getValue());
        }
        return new BlockAnswer(status, trailers);
    }

    /** An answer for AIGuard's own failure: INTERNAL, nothing about the request. */
    public static BlockAnswer internalError() {
        return new BlockAnswer(Status.INTERNAL.withDescription(ProblemAnswer.INTERNAL_ERROR), new Metadata());
    }

    public Status status() {
        return status;
    }

    public Metadata trailers() {
        return trailers;
    }

    private static ErrorInfo errorInfo(Block block, String stage, String requestId) {
        ErrorInfo.Builder info = ErrorInfo.newBuilder().setReason(block.reason()).setDomain(DOMAIN);
        if (requestId != null) {
            info.putMetadata("request_id", requestId);
        }
        if (!block.ruleIds().isEmpty()) {
            info.putMetadata("rule_ids", String.join(",", block.ruleIds()));
        }
        if (stage != null) {
            info.putMetadata("stage", stage);
        }
        return info.build();
    }

    private static com.google.protobuf.Duration protoDuration(Duration delay) {
        return com.google.protobuf.Duration.newBuilder().setSeconds(delay.getSeconds()).setNanos(delay.getNano()).build();
    }

    private static void putHeader(Metadata trailers, String name, String value) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
            return; // the verdict's headers are text
        }
        try {
            trailers.put(Metadata.Key.of(lower, Metadata.ASCII_STRING_MARSHALLER), printable(value));
        } catch (IllegalArgumentException e) {
            // not a legal metadata name (nor, then, a header a gRPC client could read)
        }
    }

    private static String printable(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            out.append(c >= 0x20 && c <= 0x7e ? c : '?');
        }
        return out.toString();
    }
}
