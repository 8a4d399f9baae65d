package dev.aiguard.grpc.internal;

import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import dev.aiguard.grpc.DescriptorRegistry;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Turns a request message into the body the guard inspects: its proto3 JSON form (field names as in the
 * {@code .proto}, so rules can name them), or, when no JSON form can be made, a defined fallback. The lean
 * {@link ProtoJson} printer handles the service's own types; messages containing well-known types go through
 * {@code JsonFormat}.
 *
 * <p>Never throws for a message it is given. Thread-safe.
 */
public final class MessageView {

    /** Content type of a JSON view. */
    public static final String JSON = "application/json";
    /** Content type of the fallback: the message's own protobuf encoding. */
    public static final String PROTOBUF = "application/x-protobuf";

    private final DescriptorRegistry registry;
    private final JsonFormat.Printer printer;

    public MessageView(DescriptorRegistry registry) {
        this.registry = registry;
        this.printer = JsonFormat.printer().usingTypeRegistry(registry.typeRegistry()).preservingProtoFieldNames()
                .omittingInsignificantWhitespace();
    }

    /**
     * The view of one message.
     *
     * @param fullMethodName {@code package.Service/Method}, to find the request type of raw-byte messages
     * @param message        the message as the call's marshaller produced it; {@code null} for a call without one
     */
    public Body of(String fullMethodName, Object message) {
        if (message == null) {
            return Body.EMPTY;
        }
        if (message instanceof MessageOrBuilder proto) {
            return print(proto, message instanceof MessageLite lite ? lite : null);
        }
        if (message instanceof byte[] bytes) {
            return ofBytes(fullMethodName, bytes);
        }
        return new Body(new byte[0], "", "message type " + message.getClass().getName() + " has no view");
    }

    /**
     * The proto3 JSON form of a response message, or {@code null} when it has none (a raw-byte marshaller, a type
     * that is not a protobuf {@code Message}, an {@code Any} of an unregistered type): such messages are not inspected.
     */
    public byte[] ofResponse(Object message) {
        if (!(message instanceof com.google.protobuf.Message proto)) {
            return null;
        }
        Body body = print(proto, null);
        return MessageView.JSON.equals(body.contentType()) ? body.bytes() : null;
    }

    /** The types {@code Any} fields may hold, for parsing JSON back into messages. */
    public JsonFormat.TypeRegistry typeRegistry() {
        return registry.typeRegistry();
    }

    private Body ofBytes(String fullMethodName, byte[] bytes) {
        Optional<Descriptors.Descriptor> type = registry.inputType(fullMethodName);
        if (type.isEmpty()) {
            return new Body(bytes, PROTOBUF, "no request type registered for " + fullMethodName);
        }
        try {
            return print(DynamicMessage.parseFrom(type.get(), bytes), null);
        } catch (InvalidProtocolBufferException e) {
            return new Body(bytes, PROTOBUF, "message does not parse as " + type.get().getFullName());
        }
    }

    private Body print(MessageOrBuilder message, MessageLite encodable) {
        StringBuilder lean = new StringBuilder(128);
        if (ProtoJson.print(message, lean)) {
            return new Body(lean.toString().getBytes(StandardCharsets.UTF_8), JSON, null);
        }
        try {
            return new Body(printer.print(message).getBytes(StandardCharsets.UTF_8), JSON, null);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            // An Any of an unregistered type, or a message JsonFormat cannot print: the stages get the raw encoding
            // and a content type that says so, and the policy decides (e.g. blockOnParseError).
            byte[] raw = encodable == null ? new byte[0] : encodable.toByteArray();
            return new Body(raw, PROTOBUF, "no JSON view: " + e.getClass().getSimpleName());
        }
    }

    /**
     * What the guard inspects as the request body.
     *
     * @param bytes       the body
     * @param contentType {@link #JSON}, {@link #PROTOBUF}, or empty when there is no body
     * @param problem     why there is no JSON view, or {@code null}
     */
    public record Body(byte[] bytes, String contentType, String problem) {
        static final Body EMPTY = new Body(new byte[0], "", null);
    }
}
