package dev.aiguard.grpc.example;

import dev.aiguard.api.Usage;
import dev.aiguard.grpc.UsageExtractor;
import dev.aiguard.grpc.example.kserve.ModelInferResponse;
import dev.aiguard.grpc.example.kserve.ModelStreamInferResponse;

/**
 * Reads token usage from KServe v2 responses whose model reports it as INT64 output tensors named
 * {@code prompt_tokens} and {@code completion_tokens} (a convention of this example: Triton's own LLM backends name
 * their outputs per model configuration). Works for {@code ModelInfer} and the streamed {@code ModelStreamInfer}.
 */
public final class KServeUsage implements UsageExtractor {

    public static final String PROMPT_TOKENS = "prompt_tokens";
    public static final String COMPLETION_TOKENS = "completion_tokens";

    @Override
    public Usage extract(Object response) {
        if (response instanceof ModelStreamInferResponse streamed && streamed.hasInferResponse()) {
            return fromInfer(streamed.getInferResponse());
        }
        return response instanceof ModelInferResponse infer ? fromInfer(infer) : Usage.unknown();
    }

    private static Usage fromInfer(ModelInferResponse response) {
        long input = -1;
        long output = -1;
        for (ModelInferResponse.InferOutputTensor tensor : response.getOutputsList()) {
            if (tensor.getContents().getInt64ContentsCount() == 0) {
                continue;
            }
            if (PROMPT_TOKENS.equals(tensor.getName())) {
                input = tensor.getContents().getInt64Contents(0);
            } else if (COMPLETION_TOKENS.equals(tensor.getName())) {
                output = tensor.getContents().getInt64Contents(0);
            }
        }
        return new Usage(input, output);
    }
}
