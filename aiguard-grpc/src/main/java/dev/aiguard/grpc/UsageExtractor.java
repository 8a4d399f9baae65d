package dev.aiguard.grpc;

import com.google.protobuf.MessageOrBuilder;
import dev.aiguard.api.Usage;
import dev.aiguard.grpc.internal.MessageView;
import dev.aiguard.llm.UsageReader;

/**
 * Reads the token usage a response message reports, so the guard can reconcile budgets when the call closes.
 *
 * <p>Called for every response message the service sends, on the thread that sends it; for streamed responses the
 * known parts of later answers override earlier ones (a final message with the totals wins). It must be fast and
 * should not throw: an exception is logged and the message counts as reporting nothing.
 */
@FunctionalInterface
public interface UsageExtractor {

    /**
     * The usage this response message reports.
     *
     * @param response a message the service sent (a protobuf message for generated stubs)
     * @return the usage, or {@link Usage#unknown()} when the message reports none
     */
    Usage extract(Object response);

    /** This extractor, or {@code other} for messages this one finds no usage in. */
    default UsageExtractor or(UsageExtractor other) {
        java.util.Objects.requireNonNull(other, "other");
        return response -> {
            Usage usage = extract(response);
            return usage != null && usage.isKnown() ? usage : other.extract(response);
        };
    }

    /** Reads nothing: every call completes with unknown usage. */
    static UsageExtractor none() {
        return response -> Usage.unknown();
    }

    /**
     * Reads usage from the proto3 JSON form of protobuf response messages (field names as in the {@code .proto}), in
     * any shape {@link UsageReader#fromJson} knows: an OpenAI-style {@code usage {prompt_tokens, completion_tokens}}
     * field, Gemini {@code usage_metadata}, Ollama counts... Each response message is printed once; prefer a
     * hand-written extractor on hot streaming paths.
     */
    static UsageExtractor jsonView() {
        MessageView views = new MessageView(DescriptorRegistry.empty());
        return response -> {
            if (!(response instanceof MessageOrBuilder)) {
                return Usage.unknown();
            }
            MessageView.Body body = views.of("", response);
            return MessageView.JSON.equals(body.contentType()) ? UsageReader.fromJson(body.bytes()) : Usage.unknown();
        };
    }
}
