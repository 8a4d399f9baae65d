package dev.aiguard.grpc;

import dev.aiguard.api.Guard;
import dev.aiguard.grpc.internal.BlockAnswer;
import dev.aiguard.grpc.internal.GuardedListener;
import dev.aiguard.grpc.internal.MessageView;
import dev.aiguard.grpc.internal.Settings;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;

/**
 * A grpc-java {@link ServerInterceptor} that puts a {@link Guard} in front of a service.
 *
 * <p>For each call it waits for the first request message (or the half-close of a call that sends none), shows the
 * guard the call as a {@code POST /package.Service/Method} request with the metadata as headers and the message's
 * proto3 JSON form as body, and either starts the service or closes the call with the verdict's status
 * ({@code UNAUTHENTICATED}, {@code PERMISSION_DENIED}, {@code RESOURCE_EXHAUSTED} with retry info,
 * {@code INVALID_ARGUMENT}...). When the call ends (closed by the service, cancelled by the client, refused) it calls
 * {@link Guard#complete} exactly once, with the usage the {@link UsageExtractor} read from the response messages.
 * Later messages of client-streaming and bidi calls are inspected by a follow-up guard when one is set.
 *
 * <p>The interceptor decides nothing itself; the guard's policy does. It never throws into gRPC: an internal failure
 * closes the call with {@code INTERNAL} and the log names the failure's type only. See {@code docs/grpc.md}.
 *
 * <pre>{@code
 * Server server = NettyServerBuilder.forPort(8001)
 *     .addService(ServerInterceptors.intercept(new InferenceService(),
 *         AiGuardInterceptor.builder(guard).descriptors(DescriptorRegistry.of(GrpcPredictV2.getDescriptor())).build()))
 *     .build();
 * }</pre>
 */
public final class AiGuardInterceptor implements ServerInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger(AiGuardInterceptor.class);

    private final Settings settings;

    private AiGuardInterceptor(Settings settings) {
        this.settings = settings;
    }

    /** An interceptor with no registered types, no usage extraction and no follow-up inspection. */
    public static AiGuardInterceptor of(Guard guard) {
        return builder(guard).build();
    }

    public static Builder builder(Guard guard) {
        return new Builder(guard);
    }

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
                                                                 ServerCallHandler<ReqT, RespT> next) {
        try {
            return GuardedListener.start(settings, call, headers, next);
        } catch (RuntimeException e) {
            LOG.error("AIGuard interceptor failed to start a call ({}); closed with INTERNAL", e.getClass().getName());
            BlockAnswer answer = BlockAnswer.internalError();
            try {
                call.close(answer.status(), answer.trailers());
            } catch (IllegalStateException closed) {
                // already closed
            }
            return new ServerCall.Listener<>() { };
        }
    }

    /** Builds an {@link AiGuardInterceptor}. Not thread-safe. */
    public static final class Builder {
        private final Guard guard;
        private DescriptorRegistry descriptors = DescriptorRegistry.empty();
        private UsageExtractor usageExtractor = UsageExtractor.none();
        private Guard followUpGuard;
        private int followUpMessages;

        private Builder(Guard guard) {
            this.guard = Objects.requireNonNull(guard, "guard");
        }

        /** The types {@code Any} fields may hold and the request types of raw-byte methods. Default: none. */
        public Builder descriptors(DescriptorRegistry descriptors) {
            this.descriptors = Objects.requireNonNull(descriptors, "descriptors");
            return this;
        }

        /** Reads token usage from response messages. Default: {@link UsageExtractor#none()}. */
        public Builder usage(UsageExtractor usageExtractor) {
            this.usageExtractor = Objects.requireNonNull(usageExtractor, "usageExtractor");
            return this;
        }

        /**
         * Inspects messages after the first of client-streaming and bidi calls with {@code followUpGuard}, at most
         * {@code maxMessages} of them per call; a refused message ends the call with the verdict's status. Each
         * inspected message is its own exchange, completed when the call ends with the call's status and unknown
         * usage. Use a guard whose policy has only content stages ({@code crs}, {@code prompt}): budgets and in-flight
         * slots are already taken once per call by the main guard. Default: later messages are not inspected.
         */
        public Builder followUpMessages(Guard followUpGuard, int maxMessages) {
            if (maxMessages < 0) {
                throw new IllegalArgumentException("maxMessages must be >= 0");
            }
            this.followUpGuard = Objects.requireNonNull(followUpGuard, "followUpGuard");
            this.followUpMessages = maxMessages;
            return this;
        }

        public AiGuardInterceptor build() {
            return new AiGuardInterceptor(new Settings(guard, new MessageView(descriptors), usageExtractor,
                    followUpGuard, followUpMessages));
        }
    }
}
