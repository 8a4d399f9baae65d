package dev.aiguard.grpc;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.ErrorInfo;
import dev.aiguard.api.Guard;
import dev.aiguard.grpc.example.llm.ChatMessage;
import dev.aiguard.grpc.example.llm.GenerateChunk;
import dev.aiguard.grpc.example.llm.GenerateRequest;
import dev.aiguard.grpc.example.llm.GenerateResponse;
import dev.aiguard.grpc.example.llm.TextGenerationGrpc;
import dev.aiguard.grpc.example.llm.Usage;
import dev.aiguard.output.spec.OutputAdapterSpec;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;

import java.util.Iterator;
import java.util.List;

/**
 * The response-side behaviour on a real grpc-netty server: a server-streaming call's messages and a unary answer go
 * through the output stages; a stopped answer ends with the block's status and its reason in {@code ErrorInfo}.
 */
class OutputInterceptorTest extends OutputAdapterSpec {

    private static final GenerateRequest REQUEST = GenerateRequest.newBuilder().setModel("m")
            .addMessages(ChatMessage.newBuilder().setRole("user").setContent("What is my key?")).build();

    /** A model that answers with fixed text: streamed piece by piece, or whole. */
    private static final class FixedModel extends TextGenerationGrpc.TextGenerationImplBase {
        private final List<String> pieces;

        FixedModel(List<String> pieces) {
            this.pieces = pieces;
        }

        @Override
        public void generate(GenerateRequest request, StreamObserver<GenerateResponse> responses) {
            responses.onNext(GenerateResponse.newBuilder().setText(String.join("", pieces))
                    .setUsage(Usage.newBuilder().setPromptTokens(5).setCompletionTokens(4)).build());
            responses.onCompleted();
        }

        @Override
        public void generateStream(GenerateRequest request, StreamObserver<GenerateChunk> responses) {
            for (String piece : pieces) {
                responses.onNext(GenerateChunk.newBuilder().setText(piece).build());
            }
            responses.onNext(GenerateChunk.newBuilder()
                    .setUsage(Usage.newBuilder().setPromptTokens(5).setCompletionTokens(4)).build());
            responses.onCompleted();
        }
    }

    @Override
    protected Answer stream(Guard guard, List<String> pieces) throws Exception {
        StringBuilder text = new StringBuilder();
        try (GrpcTestServer server = GrpcTestServer.start(AiGuardInterceptor.of(guard), new FixedModel(pieces))) {
            Iterator<GenerateChunk> chunks = TextGenerationGrpc.newBlockingStub(server.channel()).generateStream(REQUEST);
            try {
                chunks.forEachRemaining(c -> text.append(c.getText()));
                return new Answer(text.toString(), true, null);
            } catch (StatusRuntimeException e) {
                return new Answer(text.toString(), false, reason(e));
            }
        }
    }

    @Override
    protected Answer whole(Guard guard, String text) throws Exception {
        try (GrpcTestServer server = GrpcTestServer.start(AiGuardInterceptor.of(guard), new FixedModel(List.of(text)))) {
            try {
                GenerateResponse response = TextGenerationGrpc.newBlockingStub(server.channel()).generate(REQUEST);
                return new Answer(response.getText(), true, null);
            } catch (StatusRuntimeException e) {
                return new Answer("", false, reason(e));
            }
        }
    }

    /** The reason the guard gave: the {@code ErrorInfo} of the status details. */
    private static String reason(StatusRuntimeException e) throws InvalidProtocolBufferException {
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        if (status == null) {
            return "status " + e.getStatus().getCode();
        }
        for (Any detail : status.getDetailsList()) {
            if (detail.is(ErrorInfo.class)) {
                return detail.unpack(ErrorInfo.class).getReason();
            }
        }
        return "status " + e.getStatus().getCode();
    }
}
