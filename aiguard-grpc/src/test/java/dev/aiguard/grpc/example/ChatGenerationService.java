package dev.aiguard.grpc.example;

import dev.aiguard.grpc.example.llm.GenerateChunk;
import dev.aiguard.grpc.example.llm.GenerateRequest;
import dev.aiguard.grpc.example.llm.GenerateResponse;
import dev.aiguard.grpc.example.llm.TextGenerationGrpc;
import dev.aiguard.grpc.example.llm.Usage;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A stand-in LLM: answers with the last message echoed and a usage report of 5 prompt tokens and 3 completion tokens,
 * or, for model {@code full-use}, exactly {@code max_tokens} completion tokens. Model {@code hang} never answers (until
 * the call is cancelled, which {@link #cancelled} counts); model {@code invalid} answers {@code INVALID_ARGUMENT}
 * and model {@code crash} throws. It records every request it receives.
 */
public final class ChatGenerationService extends TextGenerationGrpc.TextGenerationImplBase {

    /** Every request (for {@code Converse}: every message) the service received, in order. */
    public final BlockingQueue<GenerateRequest> received = new LinkedBlockingQueue<>();
    /** Counted down when a hanging call is cancelled. */
    public final CountDownLatch cancelled = new CountDownLatch(1);

    @Override
    public void generate(GenerateRequest request, StreamObserver<GenerateResponse> responses) {
        received.add(request);
        if ("hang".equals(request.getModel())) {
            ((ServerCallStreamObserver<GenerateResponse>) responses).setOnCancelHandler(cancelled::countDown);
            return;
        }
        if ("invalid".equals(request.getModel())) {
            responses.onError(Status.INVALID_ARGUMENT.withDescription("unknown model").asRuntimeException());
            return;
        }
        if ("crash".equals(request.getModel())) {
            throw new IllegalStateException("model crashed");
        }
        responses.onNext(GenerateResponse.newBuilder().setText(echo(request)).setUsage(usage(request)).build());
        responses.onCompleted();
    }

    @Override
    public void generateStream(GenerateRequest request, StreamObserver<GenerateChunk> responses) {
        received.add(request);
        String text = echo(request);
        for (int i = 0; i < text.length(); i += 4) {
            responses.onNext(GenerateChunk.newBuilder().setText(text.substring(i, Math.min(text.length(), i + 4))).build());
        }
        responses.onNext(GenerateChunk.newBuilder().setUsage(usage(request)).build());
        responses.onCompleted();
    }

    @Override
    public StreamObserver<GenerateRequest> converse(StreamObserver<GenerateResponse> responses) {
        return new StreamObserver<>() {
            private int messages;

            @Override
            public void onNext(GenerateRequest request) {
                received.add(request);
                messages++;
            }

            @Override
            public void onError(Throwable t) {
                // the call ended early; nothing to clean up
            }

            @Override
            public void onCompleted() {
                responses.onNext(GenerateResponse.newBuilder().setText(messages + " messages")
                        .setUsage(Usage.newBuilder().setPromptTokens(5 * messages).setCompletionTokens(3)).build());
                responses.onCompleted();
            }
        };
    }

    private static String echo(GenerateRequest request) {
        return request.getMessagesCount() == 0 ? "" : "echo: " + request.getMessages(request.getMessagesCount() - 1).getContent();
    }

    private static Usage usage(GenerateRequest request) {
        int completion = "full-use".equals(request.getModel()) ? request.getMaxTokens() : 3;
        return Usage.newBuilder().setPromptTokens(5).setCompletionTokens(completion).build();
    }
}
