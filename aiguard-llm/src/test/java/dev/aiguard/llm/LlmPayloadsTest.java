package dev.aiguard.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.Headers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LlmPayloadsTest {

    private static LlmRequest parse(String path, String json) {
        return LlmPayloads.parse(LlmFormat.UNKNOWN, path, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void openAiChatYieldsRolesToolCallsAndContentParts() {
        LlmRequest r = parse("/v1/chat/completions", """
                {"model":"gpt-4o-mini","stream":true,"max_completion_tokens":300,"n":2,
                 "stream_options":{"include_usage":true},
                 "messages":[
                  {"role":"developer","content":"You are terse."},
                  {"role":"user","content":[{"type":"text","text":"What is in this image?"},
                     {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}},
                     {"type":"input_audio","input_audio":{"data":"UklGRg==","format":"wav"}}]},
                  {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
                     "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
                  {"role":"tool","tool_call_id":"call_1","content":"Sunny, 21C"}],
                 "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}}]}
                """);
        assertThat(r.format()).isEqualTo(LlmFormat.OPENAI_CHAT);
        assertThat(r.error()).isNull();
        assertThat(r.model()).isEqualTo("gpt-4o-mini");
        assertThat(r.stream()).isTrue();
        assertThat(r.maxOutputTokens()).isEqualTo(300);
        assertThat(r.n()).isEqualTo(2);
        assertThat(r.tools()).containsExactly("get_weather");
        assertThat(r.imageParts()).isEqualTo(1);
        assertThat(r.audioParts()).isEqualTo(1);
        assertThat(r.segments()).extracting(PromptSegment::source, PromptSegment::path, PromptSegment::text).containsExactly(
                tuple(SegmentSource.SYSTEM, "messages[0].content", "You are terse."),
                tuple(SegmentSource.USER, "messages[1].content[0].text", "What is in this image?"),
                tuple(SegmentSource.TOOL_CALL_ARGUMENTS, "messages[2].tool_calls[0].function.arguments", "{\"city\":\"Paris\"}"),
                tuple(SegmentSource.TOOL_RESULT, "messages[3].content", "Sunny, 21C"));
    }

    @Test
    void openAiCompletionsReadsPromptArraysAndSkipsTokenIds() {
        LlmRequest r = parse("/v1/completions", """
                {"model":"gpt-3.5-turbo-instruct","prompt":["Say this is a test",[1212,318]],"max_tokens":7,"n":3,"suffix":"end"}
                """);
        assertThat(r.format()).isEqualTo(LlmFormat.OPENAI_COMPLETIONS);
        assertThat(r.maxOutputTokens()).isEqualTo(7);
        assertThat(r.n()).isEqualTo(3);
        assertThat(r.segments()).extracting(PromptSegment::path).containsExactly("prompt[0]", "suffix");
    }

    @Test
    void responsesApiReadsInstructionsItemsAndFunctionOutputs() {
        LlmRequest r = parse("/v1/responses", """
                {"model":"o4-mini","instructions":"Be helpful.","max_output_tokens":1024,"stream":false,
                 "tools":[{"type":"function","name":"lookup"},{"type":"web_search"}],
                 "input":[{"role":"user","content":[{"type":"input_text","text":"Find the order"},
                            {"type":"input_image","image_url":"https://example.com/a.png"},
                            {"type":"input_file","file_id":"file-1"}]},
                          {"type":"function_call","call_id":"c1","name":"lookup","arguments":"{\\"id\\":42}"},
                          {"type":"function_call_output","call_id":"c1","output":"Order 42: shipped"}]}
                """);
        assertThat(r.format()).isEqualTo(LlmFormat.OPENAI_RESPONSES);
        assertThat(r.maxOutputTokens()).isEqualTo(1024);
        assertThat(r.tools()).containsExactly("lookup", "web_search");
        assertThat(r.imageParts()).isEqualTo(1);
        assertThat(r.segments()).extracting(PromptSegment::source, PromptSegment::path).containsExactly(
                tuple(SegmentSource.SYSTEM, "instructions"),
                tuple(SegmentSource.USER, "input[0].content[0].text"),
                tuple(SegmentSource.TOOL_CALL_ARGUMENTS, "input[1].arguments"),
                tuple(SegmentSource.TOOL_RESULT, "input[2].output"));
    }

    @Test
    void responsesApiStringInputIsUserText() {
        LlmRequest r = parse("/v1/responses", "{\"model\":\"gpt-4.1\",\"input\":\"Tell me a joke\"}");
        assertThat(r.segments()).extracting(PromptSegment::source, PromptSegment::path)
                .containsExactly(tuple(SegmentSource.USER, "input"));
    }

    @Test
    void embeddingsInputsAreUserSegments() {
        LlmRequest r = parse("/v1/embeddings", """
                {"model":"text-embedding-3-small","input":["first doc","second doc"],"encoding_format":"float"}
                """);
        assertThat(r.format()).isEqualTo(LlmFormat.OPENAI_EMBEDDINGS);
        assertThat(r.maxOutputTokens()).isEqualTo(-1);
        assertThat(r.segments()).extracting(PromptSegment::path).containsExactly("input[0]", "input[1]");
    }

    @Test
    void anthropicMessagesReadsSystemBlocksToolUseAndToolResults() {
        LlmRequest r = parse("/v1/messages", """
                {"model":"claude-sonnet-4-5","max_tokens":1024,"stream":true,
                 "system":[{"type":"text","text":"You are a support agent.","cache_control":{"type":"ephemeral"}}],
                 "tools":[{"name":"search_docs","input_schema":{"type":"object"}}],
                 "messages":[
                  {"role":"user","content":[{"type":"image","source":{"type":"base64","media_type":"image/jpeg","data":"/9j/"}},
                    {"type":"text","text":"Summarise the attached."},
                    {"type":"document","source":{"type":"text","media_type":"text/plain","data":"Quarterly report text"}}]},
                  {"role":"assistant","content":[{"type":"text","text":"Let me search."},
                    {"type":"tool_use","id":"tu1","name":"search_docs","input":{"q":"refunds"}}]},
                  {"role":"user","content":[{"type":"tool_result","tool_use_id":"tu1",
                    "content":[{"type":"text","text":"Refunds take 5 days."}]}]}]}
                """);
        assertThat(r.format()).isEqualTo(LlmFormat.ANTHROPIC_MESSAGES);
        assertThat(r.stream()).isTrue();
        assertThat(r.maxOutputTokens()).isEqualTo(1024);
        assertThat(r.tools()).containsExactly("search_docs");
        assertThat(r.imageParts()).isEqualTo(1);
        assertThat(r.segments()).extracting(PromptSegment::source, PromptSegment::path, PromptSegment::text).containsExactly(
                tuple(SegmentSource.SYSTEM, "system[0].text", "You are a support agent."),
                tuple(SegmentSource.USER, "messages[0].content[1].text", "Summarise the attached."),
                tuple(SegmentSource.RETRIEVED_DOCUMENT, "messages[0].content[2].source.data", "Quarterly report text"),
                tuple(SegmentSource.ASSISTANT, "messages[1].content[0].text", "Let me search."),
                tuple(SegmentSource.TOOL_CALL_ARGUMENTS, "messages[1].content[1].input", "{\"q\":\"refunds\"}"),
                tuple(SegmentSource.TOOL_RESULT, "messages[2].content[0].content[0].text", "Refunds take 5 days."));
    }

    @Test
    void geminiTakesModelFromPathAndReadsParts() {
        LlmRequest r = parse("/v1beta/models/gemini-2.0-flash:streamGenerateContent", """
                {"systemInstruction":{"parts":[{"text":"Answer in French."}]},
                 "contents":[{"role":"user","parts":[{"text":"Describe this"},{"inlineData":{"mimeType":"image/png","data":"iVBOR"}},
                    {"inline_data":{"mime_type":"audio/mp3","data":"SUQz"}}]},
                  {"role":"model","parts":[{"functionCall":{"name":"find","args":{"x":1}}}]},
                  {"role":"user","parts":[{"functionResponse":{"name":"find","response":{"result":"ok"}}}]}],
                 "tools":[{"functionDeclarations":[{"name":"find"}]}],
                 "generationConfig":{"maxOutputTokens":256,"candidateCount":2}}
                """);
        assertThat(r.format()).isEqualTo(LlmFormat.GEMINI);
        assertThat(r.model()).isEqualTo("gemini-2.0-flash");
        assertThat(r.stream()).isTrue();
        assertThat(r.maxOutputTokens()).isEqualTo(256);
        assertThat(r.n()).isEqualTo(2);
        assertThat(r.tools()).containsExactly("find");
        assertThat(r.imageParts()).isEqualTo(1);
        assertThat(r.audioParts()).isEqualTo(1);
        assertThat(r.segments()).extracting(PromptSegment::source, PromptSegment::path).containsExactly(
                tuple(SegmentSource.SYSTEM, "systemInstruction.parts[0].text"),
                tuple(SegmentSource.USER, "contents[0].parts[0].text"),
                tuple(SegmentSource.TOOL_CALL_ARGUMENTS, "contents[1].parts[0].functionCall.args"),
                tuple(SegmentSource.TOOL_RESULT, "contents[2].parts[0].functionResponse.response"));
    }

    @Test
    void ollamaChatStreamsByDefaultAndReadsNumPredict() {
        LlmRequest r = parse("/api/chat", """
                {"model":"llama3.2","messages":[{"role":"user","content":"why is the sky blue?","images":["iVBOR"]},
                  {"role":"tool","content":"22 degrees"}],"options":{"num_predict":128,"temperature":0}}
                """);
        assertThat(r.format()).isEqualTo(LlmFormat.OLLAMA_CHAT);
        assertThat(r.stream()).isTrue();
        assertThat(r.maxOutputTokens()).isEqualTo(128);
        assertThat(r.imageParts()).isEqualTo(1);
        assertThat(r.segments()).extracting(PromptSegment::source)
                .containsExactly(SegmentSource.USER, SegmentSource.TOOL_RESULT);
    }

    @Test
    void ollamaGenerateReadsSystemAndPrompt() {
        LlmRequest r = parse("/api/generate", """
                {"model":"mistral","system":"Be brief.","prompt":"Hello","stream":false}
                """);
        assertThat(r.format()).isEqualTo(LlmFormat.OLLAMA_GENERATE);
        assertThat(r.stream()).isFalse();
        assertThat(r.segments()).extracting(PromptSegment::source, PromptSegment::path)
                .containsExactly(tuple(SegmentSource.SYSTEM, "system"), tuple(SegmentSource.USER, "prompt"));
    }

    @Test
    void tgiAndLlamaCppNativeEndpoints() {
        LlmRequest tgi = parse("/generate_stream", "{\"inputs\":\"My name is\",\"parameters\":{\"max_new_tokens\":20}}");
        assertThat(tgi.format()).isEqualTo(LlmFormat.TGI_GENERATE);
        assertThat(tgi.stream()).isTrue();
        assertThat(tgi.maxOutputTokens()).isEqualTo(20);
        assertThat(tgi.segments()).extracting(PromptSegment::path).containsExactly("inputs");
        LlmRequest cpp = parse("/completion", "{\"prompt\":\"Building a website can be done in\",\"n_predict\":64}");
        assertThat(cpp.format()).isEqualTo(LlmFormat.LLAMA_CPP_COMPLETION);
        assertThat(cpp.maxOutputTokens()).isEqualTo(64);
    }

    @Test
    void openAiCompatibleServersUseTheChatParserIncludingVllmDocuments() {
        LlmRequest r = parse("/v1/chat/completions", """
                {"model":"meta-llama/Llama-3.1-8B-Instruct","max_tokens":64,"top_k":20,"guided_json":{"type":"object"},
                 "messages":[{"role":"user","content":"Answer from the documents"}],
                 "documents":[{"title":"a","text":"Doc text A"}]}
                """);
        assertThat(r.format()).isEqualTo(LlmFormat.OPENAI_CHAT);
        assertThat(r.segments()).extracting(PromptSegment::source, PromptSegment::path).containsExactly(
                tuple(SegmentSource.USER, "messages[0].content"),
                tuple(SegmentSource.RETRIEVED_DOCUMENT, "documents[0].text"));
    }

    @Test
    void unknownPathsAreDetectedByShape() {
        assertThat(parse("/proxy", "{\"model\":\"claude\",\"system\":\"s\",\"messages\":[],\"max_tokens\":5}").format())
                .isEqualTo(LlmFormat.ANTHROPIC_MESSAGES);
        assertThat(parse("/proxy", "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}").format()).isEqualTo(LlmFormat.GEMINI);
        assertThat(parse("/proxy", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").format())
                .isEqualTo(LlmFormat.OPENAI_CHAT);
        assertThat(parse("/proxy", "{\"model\":\"nomic-embed-text\",\"input\":\"hi\"}").format())
                .isEqualTo(LlmFormat.OPENAI_EMBEDDINGS);
        assertThat(parse("/proxy", "{\"model\":\"llama3\",\"prompt\":\"hi\",\"options\":{}}").format())
                .isEqualTo(LlmFormat.OLLAMA_GENERATE);
        assertThat(parse("/proxy", "{\"inputs\":\"hi\"}").format()).isEqualTo(LlmFormat.TGI_GENERATE);
        assertThat(parse("/proxy", "{\"name\":\"not llm\"}").isLlm()).isFalse();
    }

    @Test
    void everyMaxTokenSpellingIsRead() {
        for (String field : List.of("max_tokens", "max_completion_tokens", "max_output_tokens", "max_new_tokens",
                "n_predict", "num_predict")) {
            LlmRequest r = parse("/v1/chat/completions", "{\"messages\":[],\"" + field + "\":77}");
            assertThat(r.maxOutputTokens()).as(field).isEqualTo(77);
        }
    }

    @Test
    void viewIsComputedOnceAndSharedAndRoutesOverrideDetection() {
        GuardRequest request = GuardRequest.builder().method("POST").uri("/llm/invoke")
                .headers(Headers.of("Content-Type", "application/json"))
                .body("{\"model\":\"claude\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .build();
        assertThat(LlmPayloads.of(request)).isSameAs(LlmPayloads.of(request));
        assertThat(LlmPayloads.of(request).format()).isEqualTo(LlmFormat.OPENAI_CHAT);
        var routed = LlmPayloads.viewWithRoutes(Map.of("/llm/", LlmFormat.ANTHROPIC_MESSAGES));
        assertThat(request.view(routed).format()).isEqualTo(LlmFormat.ANTHROPIC_MESSAGES);
    }

    @Test
    void nonJsonContentTypesAreNotLlm() {
        GuardRequest request = GuardRequest.builder().method("POST").uri("/v1/chat/completions")
                .headers(Headers.of("Content-Type", "multipart/form-data; boundary=x"))
                .body("--x--").build();
        assertThat(LlmPayloads.of(request).isLlm()).isFalse();
    }
}
