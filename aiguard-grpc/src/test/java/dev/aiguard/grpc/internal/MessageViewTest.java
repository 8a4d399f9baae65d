package dev.aiguard.grpc.internal;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.StringValue;
import dev.aiguard.grpc.DescriptorRegistry;
import dev.aiguard.grpc.example.kserve.GrpcPredictV2;
import dev.aiguard.grpc.example.kserve.ModelReadyRequest;
import dev.aiguard.grpc.example.llm.ChatMessage;
import dev.aiguard.grpc.example.llm.GenerateRequest;
import dev.aiguard.grpc.example.llm.TextGenerationProto;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class MessageViewTest {

    private static final String GENERATE = "aiguard.example.llm.TextGeneration/Generate";
    private final MessageView views = new MessageView(DescriptorRegistry.of(TextGenerationProto.getDescriptor(),
            GrpcPredictV2.getDescriptor()));

    private static String text(MessageView.Body body) {
        return new String(body.bytes(), StandardCharsets.UTF_8);
    }

    private static GenerateRequest request() {
        return GenerateRequest.newBuilder().setModel("m").setMaxTokens(8)
                .addMessages(ChatMessage.newBuilder().setRole("user").setContent("hi \"there\"")).build();
    }

    @Test
    void protobufMessageBecomesCompactJsonWithProtoFieldNames() {
        MessageView.Body body = views.of(GENERATE, request());

        assertThat(body.contentType()).isEqualTo(MessageView.JSON);
        assertThat(body.problem()).isNull();
        assertThat(text(body)).isEqualTo(
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi \\\"there\\\"\"}],\"max_tokens\":8}");
    }

    @Test
    void rawBytesAreParsedWithTheMethodsRegisteredRequestType() {
        MessageView.Body body = views.of(GENERATE, request().toByteArray());

        assertThat(body.contentType()).isEqualTo(MessageView.JSON);
        assertThat(text(body)).contains("\"max_tokens\":8");
    }

    @Test
    void rawBytesOfAnUnregisteredMethodStayProtobuf() {
        byte[] bytes = request().toByteArray();

        MessageView.Body body = views.of("other.Service/Call", bytes);

        assertThat(body.contentType()).isEqualTo(MessageView.PROTOBUF);
        assertThat(body.bytes()).isEqualTo(bytes);
        assertThat(body.problem()).contains("no request type registered");
    }

    @Test
    void rawBytesThatDoNotParseStayProtobufWithAProblem() {
        byte[] garbage = {(byte) 0xff, (byte) 0xff, (byte) 0xff};

        MessageView.Body body = views.of(GENERATE, garbage);

        assertThat(body.contentType()).isEqualTo(MessageView.PROTOBUF);
        assertThat(body.bytes()).isEqualTo(garbage);
        assertThat(body.problem()).contains("does not parse");
    }

    @Test
    void anyOfARegisteredTypeIsExpanded() {
        GenerateRequest request = request().toBuilder()
                .addExtensions(Any.pack(ModelReadyRequest.newBuilder().setName("echo").build())).build();

        assertThat(text(views.of(GENERATE, request)))
                .contains("\"extensions\":[{\"@type\":\"type.googleapis.com/inference.ModelReadyRequest\",\"name\":\"echo\"}]");
    }

    @Test
    void anyOfAnUnknownTypeFallsBackToTheProtobufEncoding() {
        GenerateRequest request = request().toBuilder().addExtensions(Any.newBuilder()
                .setTypeUrl("type.example.com/x.Unknown").setValue(ByteString.copyFromUtf8("v"))).build();

        MessageView.Body body = views.of(GENERATE, request);

        assertThat(body.contentType()).isEqualTo(MessageView.PROTOBUF);
        assertThat(body.bytes()).isEqualTo(request.toByteArray());
        assertThat(body.problem()).startsWith("no JSON view");
    }

    @Test
    void wellKnownTypesUseTheirJsonForm() {
        assertThat(text(views.of("x.S/M", StringValue.of("plain")))).isEqualTo("\"plain\"");
    }

    @Test
    void noMessageIsAnEmptyBody() {
        MessageView.Body body = views.of(GENERATE, null);

        assertThat(body.bytes()).isEmpty();
        assertThat(body.contentType()).isEmpty();
    }

    @Test
    void foreignMessageTypeHasNoViewAndNoBody() {
        MessageView.Body body = views.of(GENERATE, new StringBuilder("not protobuf"));

        assertThat(body.bytes()).isEmpty();
        assertThat(body.problem()).contains("java.lang.StringBuilder");
    }
}
