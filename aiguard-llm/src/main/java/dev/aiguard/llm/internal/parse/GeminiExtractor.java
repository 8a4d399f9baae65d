package dev.aiguard.llm.internal.parse;

import static dev.aiguard.llm.internal.parse.Json.field;
import static dev.aiguard.llm.internal.parse.Json.isArray;
import static dev.aiguard.llm.internal.parse.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiguard.llm.SegmentSource;

/**
 * Google Gemini {@code generateContent}: {@code contents[].parts[]}, {@code systemInstruction},
 * {@code generationConfig}. The REST API accepts camelCase and snake_case field names; both are read.
 */
final class GeminiExtractor {

    private GeminiExtractor() {
    }

    static void generate(JsonNode root, String path, SegmentCollector c) {
        c.model(modelFromPath(path));
        c.stream(path.contains(":streamGenerateContent"));
        JsonNode config = field(root, "generationConfig", "generation_config");
        c.maxOutputTokens(config, "maxOutputTokens", "max_output_tokens");
        c.n(field(config, "candidateCount", "candidate_count"));
        JsonNode tools = field(root, "tools");
        if (isArray(tools)) {
            for (JsonNode t : tools) {
                JsonNode decls = field(t, "functionDeclarations", "function_declarations");
                if (isArray(decls)) {
                    decls.forEach(d -> c.tool(field(d, "name")));
                }
            }
        }
        boolean camel = root.has("systemInstruction");
        JsonNode system = field(root, "systemInstruction", "system_instruction");
        parts(field(system, "parts"), SegmentSource.SYSTEM, (camel ? "systemInstruction" : "system_instruction") + ".parts", c);
        JsonNode contents = field(root, "contents");
        if (isArray(contents)) {
            for (int i = 0; i < contents.size(); i++) {
                JsonNode content = contents.get(i);
                SegmentSource source = "model".equals(text(content, "role")) ? SegmentSource.ASSISTANT : SegmentSource.USER;
                parts(field(content, "parts"), source, "contents[" + i + "].parts", c);
            }
        }
    }

    /** {@code .../models/gemini-1.5-pro:generateContent} gives {@code gemini-1.5-pro}. */
    static String modelFromPath(String path) {
        int at = path.lastIndexOf("/models/");
        if (at < 0) {
            return "";
        }
        int start = at + "/models/".length();
        int colon = path.indexOf(':', start);
        return path.substring(start, colon < 0 ? path.length() : colon);
    }

    private static void parts(JsonNode parts, SegmentSource source, String path, SegmentCollector c) {
        if (!isArray(parts)) {
            return;
        }
        for (int k = 0; k < parts.size(); k++) {
            JsonNode p = parts.get(k);
            String at = path + "[" + k + "]";
            JsonNode inline = field(p, "inlineData", "inline_data");
            JsonNode file = field(p, "fileData", "file_data");
            JsonNode call = field(p, "functionCall", "function_call");
            JsonNode response = field(p, "functionResponse", "function_response");
            if (inline != null || file != null) {
                JsonNode media = inline != null ? inline : file;
                c.media(text(media, "mimeType").isEmpty() ? text(media, "mime_type") : text(media, "mimeType"));
            } else if (call != null) {
                c.textOrJson(SegmentSource.TOOL_CALL_ARGUMENTS, field(call, "args"),
                        at + (p.has("functionCall") ? ".functionCall" : ".function_call") + ".args");
            } else if (response != null) {
                // The path names the spelling the body uses: the CRS stage matches it against the body's own JSON paths.
                c.textOrJson(SegmentSource.TOOL_RESULT, field(response, "response"),
                        at + (p.has("functionResponse") ? ".functionResponse" : ".function_response") + ".response");
            } else {
                c.text(source, field(p, "text"), at + ".text");
            }
        }
    }
}
