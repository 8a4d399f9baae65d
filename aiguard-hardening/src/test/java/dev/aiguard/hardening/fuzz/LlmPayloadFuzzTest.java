package dev.aiguard.hardening.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.aiguard.llm.LlmFormat;
import dev.aiguard.llm.LlmPayloads;
import dev.aiguard.llm.LlmRequest;

import java.util.Objects;

/** Every LLM payload parser on arbitrary bytes: it never throws and always returns a request view. */
class LlmPayloadFuzzTest {

    private static final LlmFormat[] FORMATS = LlmFormat.values();
    private static final String[] PATHS = {"/v1/chat/completions", "/v1/completions", "/v1/responses",
            "/v1/embeddings", "/v1/messages", "/v1beta/models/gemini-pro:generateContent", "/api/chat", "/api/generate",
            "/generate", "/x"};

    @FuzzTest
    void everyParserReturnsAViewForAnyBytes(FuzzedDataProvider data) {
        LlmFormat format = data.pickValue(FORMATS);
        String path = data.pickValue(PATHS);
        byte[] body = data.consumeRemainingAsBytes();
        LlmRequest request = LlmPayloads.parse(format, path, body);
        Objects.requireNonNull(request, "parse returned null");
        Objects.requireNonNull(request.segments(), "segments");
    }
}
