package dev.aiguard.grpc.internal;

import io.grpc.Status;

/**
 * The HTTP status equivalent of a gRPC status, for {@code ResponseInfo.status}: the mapping of Google's API design
 * guide ({@code google.rpc.Code} comments), with 499 for a cancelled call.
 */
public final class StatusMapping {

    private StatusMapping() {
    }

    public static int httpStatus(Status.Code code) {
        return switch (code) {
            case OK -> 200;
            case CANCELLED -> 499;
            case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE -> 400;
            case DEADLINE_EXCEEDED -> 504;
            case NOT_FOUND -> 404;
            case ALREADY_EXISTS, ABORTED -> 409;
            case PERMISSION_DENIED -> 403;
            case UNAUTHENTICATED -> 401;
            case RESOURCE_EXHAUSTED -> 429;
            case UNIMPLEMENTED -> 501;
            case UNAVAILABLE -> 503;
            default -> 500;
        };
    }
}
