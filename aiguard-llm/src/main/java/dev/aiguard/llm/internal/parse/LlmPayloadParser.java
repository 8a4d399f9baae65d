package dev.aiguard.llm.internal.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiguard.llm.LlmFormat;
import dev.aiguard.llm.LlmRequest;

/**
 * Turns a request body into an {@link LlmRequest}: bounded JSON read, format detection, per-format extraction. Never
 * throws; problems end up in {@link LlmRequest#error()}. Thread-safe.
 */
public final class LlmPayloadParser {

    private final JsonLimits limits;
    private final BoundedJsonReader reader;

    public LlmPayloadParser(JsonLimits limits) {
        this.limits = limits;
        this.reader = new BoundedJsonReader(limits);
    }

    /**
     * @param forced    the format to use, or {@link LlmFormat#UNKNOWN} to detect it from path and shape
     * @param path      the request path (Gemini carries the model there)
     * @param body      body bytes
     * @param length    bytes of {@code body} to read
     * @param truncated whether the adapter cut the body (reported as an error even if the JSON happens to close)
     */
    public LlmRequest parse(LlmFormat forced, String path, byte[] body, int length, boolean truncated) {
        LlmFormat format = forced != LlmFormat.UNKNOWN ? forced : FormatDetector.byPath(path);
        if (length == 0) {
            return format == LlmFormat.UNKNOWN ? LlmRequest.notLlm() : failed(format, "empty body");
        }
        ParsedJson parsed = reader.read(body, length);
        if (format == LlmFormat.UNKNOWN) {
            format = FormatDetector.byShape(parsed.root());
            if (format == LlmFormat.UNKNOWN) {
                return LlmRequest.notLlm();
            }
        }
        SegmentCollector collector = new SegmentCollector(limits.maxSegments());
        if (truncated) {
            collector.fail("body truncated by the adapter's size limit");
        }
        if (parsed.error() != null) {
            collector.fail(parsed.error());
        }
        JsonNode root = parsed.root();
        if (root == null || !root.isObject()) {
            collector.fail("body is not a JSON object");
        } else {
            extract(format, root, path, collector);
        }
        return collector.build(format);
    }

    private static LlmRequest failed(LlmFormat format, String error) {
        SegmentCollector c = new SegmentCollector(1);
        c.fail(error);
        return c.build(format);
    }

    private static void extract(LlmFormat format, JsonNode root, String path, SegmentCollector c) {
        switch (format) {
            case OPENAI_CHAT -> OpenAiExtractor.chat(root, c);
            case OPENAI_COMPLETIONS -> OpenAiExtractor.completions(root, c);
            case OPENAI_RESPONSES -> OpenAiExtractor.responses(root, c);
            case OPENAI_EMBEDDINGS -> OpenAiExtractor.embeddings(root, c);
            case ANTHROPIC_MESSAGES -> AnthropicExtractor.messages(root, c);
            case GEMINI -> GeminiExtractor.generate(root, path, c);
            case OLLAMA_CHAT -> OllamaExtractor.chat(root, c);
            case OLLAMA_GENERATE -> OllamaExtractor.generate(root, c);
            case TGI_GENERATE -> NativeServerExtractor.tgi(root, path, c);
            case LLAMA_CPP_COMPLETION -> NativeServerExtractor.llamaCpp(root, c);
            default -> c.fail("unsupported format " + format);
        }
    }
}
