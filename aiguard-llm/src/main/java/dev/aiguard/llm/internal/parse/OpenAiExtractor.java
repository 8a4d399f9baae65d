package dev.aiguard.llm.internal.parse;

import static dev.aiguard.llm.internal.parse.Json.field;
import static dev.aiguard.llm.internal.parse.Json.isArray;
import static dev.aiguard.llm.internal.parse.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiguard.llm.SegmentSource;

/**
 * OpenAI request shapes: chat completions (and the compatible servers: vLLM, TGI Messages API, llama.cpp), legacy
 * completions, the Responses API and embeddings.
 */
final class OpenAiExtractor {

    /** Output-limit spellings across OpenAI and the compatible servers. */
    static final String[] MAX_TOKEN_FIELDS = {
        "max_completion_tokens", "max_tokens", "max_output_tokens", "max_new_tokens", "n_predict", "num_predict"
    };

    private OpenAiExtractor() {
    }

    static void chat(JsonNode root, SegmentCollector c) {
        common(root, c);
        JsonNode messages = field(root, "messages");
        if (isArray(messages)) {
            for (int i = 0; i < messages.size(); i++) {
                chatMessage(messages.get(i), "messages[" + i + "]", c);
            }
        }
        // vLLM chat templates accept RAG documents beside the messages.
        JsonNode documents = field(root, "documents");
        if (isArray(documents)) {
            for (int i = 0; i < documents.size(); i++) {
                JsonNode d = documents.get(i);
                c.textOrJson(SegmentSource.RETRIEVED_DOCUMENT, d.isObject() && d.has("text") ? d.get("text") : d,
                        "documents[" + i + "]" + (d.isObject() && d.has("text") ? ".text" : ""));
            }
        }
    }

    static void completions(JsonNode root, SegmentCollector c) {
        common(root, c);
        c.textOrTextArray(SegmentSource.USER, field(root, "prompt"), "prompt");
        c.text(SegmentSource.USER, field(root, "suffix"), "suffix");
    }

    static void embeddings(JsonNode root, SegmentCollector c) {
        common(root, c);
        c.textOrTextArray(SegmentSource.USER, field(root, "input"), "input");
    }

    static void responses(JsonNode root, SegmentCollector c) {
        common(root, c);
        c.text(SegmentSource.SYSTEM, field(root, "instructions"), "instructions");
        JsonNode input = field(root, "input");
        if (input != null && input.isTextual()) {
            c.text(SegmentSource.USER, input, "input");
        } else if (isArray(input)) {
            for (int i = 0; i < input.size(); i++) {
                responseItem(input.get(i), "input[" + i + "]", c);
            }
        }
    }

    /** Fields every OpenAI-style request shares. */
    private static void common(JsonNode root, SegmentCollector c) {
        c.model(field(root, "model"));
        c.stream(field(root, "stream"));
        c.maxOutputTokens(root, MAX_TOKEN_FIELDS);
        c.n(field(root, "n"));
        tools(field(root, "tools"), c);
        JsonNode functions = field(root, "functions");
        if (isArray(functions)) {
            for (JsonNode f : functions) {
                c.tool(field(f, "name"));
            }
        }
    }

    /** Chat tools nest the name under {@code function}; Responses tools carry it at the top (or only a type). */
    private static void tools(JsonNode tools, SegmentCollector c) {
        if (!isArray(tools)) {
            return;
        }
        for (JsonNode t : tools) {
            JsonNode fn = field(t, "function");
            JsonNode name = fn != null ? field(fn, "name") : field(t, "name");
            c.tool(name != null ? name : field(t, "type"));
        }
    }

    private static void chatMessage(JsonNode message, String path, SegmentCollector c) {
        SegmentSource source = roleSource(text(message, "role"));
        content(field(message, "content"), source, path + ".content", c);
        JsonNode toolCalls = field(message, "tool_calls");
        if (isArray(toolCalls)) {
            for (int j = 0; j < toolCalls.size(); j++) {
                JsonNode args = field(field(toolCalls.get(j), "function"), "arguments");
                c.textOrJson(SegmentSource.TOOL_CALL_ARGUMENTS, args, path + ".tool_calls[" + j + "].function.arguments");
            }
        }
        JsonNode functionCall = field(message, "function_call");
        c.textOrJson(SegmentSource.TOOL_CALL_ARGUMENTS, field(functionCall, "arguments"), path + ".function_call.arguments");
        // Ollama-style images on an OpenAI-shaped message (some compatible servers accept them).
        JsonNode images = field(message, "images");
        if (isArray(images)) {
            images.forEach(x -> c.image());
        }
    }

    static SegmentSource roleSource(String role) {
        switch (role) {
            case "system":
            case "developer":
                return SegmentSource.SYSTEM;
            case "assistant":
            case "model":
                return SegmentSource.ASSISTANT;
            case "tool":
            case "function":
            case "ipython":
                return SegmentSource.TOOL_RESULT;
            default:
                return SegmentSource.USER;
        }
    }

    /** A content value: a string, or an array of typed parts (text, image_url, input_audio, file...). */
    static void content(JsonNode content, SegmentSource source, String path, SegmentCollector c) {
        c.textOrParts(source, content, path, OpenAiExtractor::part);
    }

    private static void part(JsonNode part, SegmentSource source, String path, SegmentCollector c) {
        if (part.isTextual()) {
            c.text(source, part, path);
            return;
        }
        String type = text(part, "type");
        switch (type) {
            case "image_url":
            case "input_image":
            case "image":
                c.image();
                break;
            case "input_audio":
            case "audio":
                c.audio();
                break;
            case "file":
            case "input_file":
                // Files are documents the caller attached; only inline text is readable without decoding.
                c.text(SegmentSource.RETRIEVED_DOCUMENT, field(part, "text"), path + ".text");
                break;
            case "refusal":
                c.text(source, field(part, "refusal"), path + ".refusal");
                break;
            default:
                c.text(source, field(part, "text"), path + ".text");
        }
    }

    /** One item of a Responses API {@code input} array. */
    private static void responseItem(JsonNode item, String path, SegmentCollector c) {
        String type = text(item, "type");
        switch (type) {
            case "function_call":
            case "custom_tool_call":
                c.textOrJson(SegmentSource.TOOL_CALL_ARGUMENTS, field(item, "arguments", "input"),
                        path + (item.has("arguments") ? ".arguments" : ".input"));
                break;
            case "function_call_output":
            case "custom_tool_call_output":
            case "computer_call_output":
                c.textOrJson(SegmentSource.TOOL_RESULT, field(item, "output"), path + ".output");
                break;
            default:
                if (item.isTextual()) {
                    c.text(SegmentSource.USER, item, path);
                } else {
                    content(field(item, "content"), roleSource(text(item, "role")), path + ".content", c);
                }
        }
    }
}
