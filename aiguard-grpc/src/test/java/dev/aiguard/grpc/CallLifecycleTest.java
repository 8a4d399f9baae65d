package dev.aiguard.grpc;

import dev.aiguard.api.Block;
import dev.aiguard.api.ConfiguredStage;
import dev.aiguard.api.Exchange;
import dev.aiguard.api.Guard;
import dev.aiguard.api.GuardConfig;
import dev.aiguard.api.ResponseInfo;
import dev.aiguard.api.StageOutcome;
import dev.aiguard.grpc.example.ChatGenerationService;
import dev.aiguard.grpc.example.llm.ChatMessage;
import dev.aiguard.grpc.example.llm.GenerateRequest;
import dev.aiguard.grpc.example.llm.GenerateResponse;
import dev.aiguard.grpc.example.llm.TextGenerationGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** How calls end and what the guard is told, with small code-built guards on a real grpc-netty server. */
class CallLifecycleTest {

    /** Refuses a request whose JSON view contains {@code FORBIDDEN}. */
    private static final ConfiguredStage KEYWORD = ConfiguredStage.of("keyword", (Exchange exchange) ->
            exchange.request().bodyAsString().contains("FORBIDDEN")
                    ? StageOutcome.block(Block.forbidden("test.keyword", List.of("kw")), List.of())
                    : StageOutcome.pass());

    private final RecordingStage recorder = new RecordingStage();
    private final ChatGenerationService chat = new ChatGenerationService();

    private Guard recordingGuard() {
        return Guard.create(GuardConfig.builder().stage(ConfiguredStage.of("recorder", recorder)).stage(KEYWORD).build());
    }

    private static GenerateRequest prompt(String model, String text) {
        return GenerateRequest.newBuilder().setModel(model).setMaxTokens(8)
                .addMessages(ChatMessage.newBuilder().setRole("user").setContent(text)).build();
    }

    private static TextGenerationGrpc.TextGenerationBlockingStub blocking(GrpcTestServer server) {
        return TextGenerationGrpc.newBlockingStub(server.channel()).withDeadlineAfter(20, TimeUnit.SECONDS);
    }

    @Test
    void serviceErrorStatusCompletesTheExchangeAsFailedWithTheMappedStatus() throws Exception {
        try (Guard guard = recordingGuard();
             GrpcTestServer server = GrpcTestServer.start(AiGuardInterceptor.of(guard), chat)) {
            StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                    () -> blocking(server).generate(prompt("invalid", "hi")));

            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            ResponseInfo completed = recorder.nextCompleted();
            assertThat(completed.status()).isEqualTo(400);
            assertThat(completed.outcome()).isEqualTo(ResponseInfo.Outcome.FAILED);
        }
    }

    @Test
    void serviceThatThrowsCompletesTheExchangeAsFailed() throws Exception {
        try (Guard guard = recordingGuard();
             GrpcTestServer server = GrpcTestServer.start(AiGuardInterceptor.of(guard), chat)) {
            StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                    () -> blocking(server).generate(prompt("crash", "hi")));

            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNKNOWN);
            ResponseInfo completed = recorder.nextCompleted();
            assertThat(completed.outcome()).isEqualTo(ResponseInfo.Outcome.FAILED);
            assertThat(completed.status()).isEqualTo(500);
        }
    }

    @Test
    void clientStreamingCallWithoutMessagesIsInspectedWhenItHalfCloses() throws Exception {
        try (Guard guard = recordingGuard();
             GrpcTestServer server = GrpcTestServer.start(AiGuardInterceptor.of(guard), chat)) {
            CompletableFuture<GenerateResponse> answer = new CompletableFuture<>();
            TextGenerationGrpc.newStub(server.channel()).converse(collect(answer)).onCompleted();

            assertThat(answer.get(20, TimeUnit.SECONDS).getText()).isEqualTo("0 messages");
            assertThat(recorder.nextInspected().body()).isEmpty();
            assertThat(recorder.nextCompleted().outcome()).isEqualTo(ResponseInfo.Outcome.COMPLETED);
        }
    }

    @Test
    void followUpInspectionStopsAfterTheConfiguredNumberOfMessages() throws Exception {
        try (Guard guard = recordingGuard();
             Guard followUp = Guard.create(GuardConfig.builder().stage(KEYWORD).build());
             GrpcTestServer server = GrpcTestServer.start(
                     AiGuardInterceptor.builder(guard).followUpMessages(followUp, 1).build(), chat)) {
            CompletableFuture<GenerateResponse> answer = new CompletableFuture<>();
            StreamObserver<GenerateRequest> requests = TextGenerationGrpc.newStub(server.channel()).converse(collect(answer));
            requests.onNext(prompt("small", "first"));
            requests.onNext(prompt("small", "second, inspected"));
            requests.onNext(prompt("small", "third is FORBIDDEN but past the limit"));
            requests.onCompleted();

            assertThat(answer.get(20, TimeUnit.SECONDS).getText()).isEqualTo("3 messages");
            List<GenerateRequest> delivered = new ArrayList<>();
            chat.received.drainTo(delivered);
            assertThat(delivered).hasSize(3);
        }
    }

    @Test
    void refusedFirstMessageNeverStartsTheService() throws Exception {
        try (Guard guard = recordingGuard();
             GrpcTestServer server = GrpcTestServer.start(AiGuardInterceptor.of(guard), chat)) {
            CompletableFuture<GenerateResponse> answer = new CompletableFuture<>();
            StreamObserver<GenerateRequest> requests = TextGenerationGrpc.newStub(server.channel()).converse(collect(answer));
            requests.onNext(prompt("small", "FORBIDDEN from the start"));
            requests.onNext(prompt("small", "fine"));
            requests.onCompleted();

            Throwable error = catchThrowableOfType(java.util.concurrent.ExecutionException.class,
                    () -> answer.get(20, TimeUnit.SECONDS)).getCause();
            assertThat(Status.fromThrowable(error).getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(chat.received).isEmpty();
            assertThat(recorder.nextCompleted().status()).isEqualTo(403);
        }
    }

    private static StreamObserver<GenerateResponse> collect(CompletableFuture<GenerateResponse> answer) {
        return new StreamObserver<>() {
            private GenerateResponse last;

            @Override
            public void onNext(GenerateResponse value) {
                last = value;
            }

            @Override
            public void onError(Throwable t) {
                answer.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
                answer.complete(last);
            }
        };
    }
}
