package dev.aiguard.grpc.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.google.protobuf.StringValue;
import com.google.protobuf.util.JsonFormat;
import dev.aiguard.grpc.example.kserve.InferParameter;
import dev.aiguard.grpc.example.kserve.InferTensorContents;
import dev.aiguard.grpc.example.kserve.ModelInferRequest;
import dev.aiguard.grpc.example.kserve.ModelMetadataResponse;
import dev.aiguard.grpc.example.llm.ChatMessage;
import dev.aiguard.grpc.example.llm.GenerateRequest;
import com.google.protobuf.Any;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The lean printer says what {@code JsonFormat} says, for every kind of field the example protos have. */
class ProtoJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFormat.Printer REFERENCE = JsonFormat.printer().preservingProtoFieldNames();

    static Stream<Message> messages() {
        ModelInferRequest kserve = ModelInferRequest.newBuilder().setModelName("m\u00e9\"quoted\"\n\t\u0001\u2028")
                .setId("<script>&amp;")
                .putParameters("s", InferParameter.newBuilder().setStringParam("1' OR '1'='1").build())
                .putParameters("i", InferParameter.newBuilder().setInt64Param(Long.MIN_VALUE).build())
                .putParameters("u", InferParameter.newBuilder().setUint64Param(-1L).build())
                .putParameters("d", InferParameter.newBuilder().setDoubleParam(Double.NaN).build())
                .putParameters("b", InferParameter.newBuilder().setBoolParam(true).build())
                .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName("x").setDatatype("FP32").addShape(1)
                        .addShape(3).setContents(InferTensorContents.newBuilder()
                                .addFp32Contents(1.5f).addFp32Contents(Float.NEGATIVE_INFINITY).addFp32Contents(1e-7f)
                                .addUintContents(-1).addIntContents(-7).addFp64Contents(2.0)
                                .addBytesContents(ByteString.copyFrom(new byte[]{0, -1, 65})).addBoolContents(false)))
                .addRawInputContents(ByteString.copyFromUtf8("raw"))
                .build();
        ModelMetadataResponse nested = ModelMetadataResponse.newBuilder().setName("m").addVersions("1").addVersions("2")
                .addInputs(ModelMetadataResponse.TensorMetadata.newBuilder().setName("t").addShape(-1).addShape(4))
                .build();
        GenerateRequest chat = GenerateRequest.newBuilder().setModel("llama3").setMaxTokens(64)
                .addMessages(ChatMessage.newBuilder().setRole("user").setContent("Hello \uD83D\uDE00")).build();
        return Stream.of(kserve, nested, chat, ModelInferRequest.getDefaultInstance());
    }

    @ParameterizedTest
    @MethodSource("messages")
    void leanJsonEqualsJsonFormatsAsATree(Message message) throws Exception {
        StringBuilder lean = new StringBuilder();

        assertThat(ProtoJson.print(message, lean)).isTrue();

        assertThat(JSON.readTree(lean.toString())).isEqualTo(JSON.readTree(REFERENCE.print(message)));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void dynamicMessagesPrintLikeGeneratedOnes(Message message) throws Exception {
        DynamicMessage dynamic = DynamicMessage.parseFrom(message.getDescriptorForType(), message.toByteArray());
        StringBuilder lean = new StringBuilder();

        assertThat(ProtoJson.print(dynamic, lean)).isTrue();

        assertThat(JSON.readTree(lean.toString())).isEqualTo(JSON.readTree(REFERENCE.print(message)));
    }

    @Test
    void wellKnownTypesAreLeftToJsonFormat() {
        assertThat(ProtoJson.print(StringValue.of("x"), new StringBuilder())).isFalse();
        GenerateRequest withAny = GenerateRequest.newBuilder().addExtensions(Any.pack(StringValue.of("x"))).build();
        assertThat(ProtoJson.print(withAny, new StringBuilder())).isFalse();
    }
}
