package dev.aiguard.llm.internal.parse;

import static dev.aiguard.llm.internal.parse.Json.field;
import static dev.aiguard.llm.internal.parse.Json.isArray;
import static dev.aiguard.llm.internal.parse.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiguard.llm.SegmentSource;

/** Anthropic Messages API: {@code system}, {@code messages} with content blocks, tools. */
final class AnthropicExtractor {

    private AnthropicExtractor() {
    }

    static void messages(JsonNode root, SegmentCollector c) {
        c.model(field(root, "model"));
        c.stream(field(root, "stream"));
        c.maxOutputTokens(root, "max_tokens");
        JsonNode tools = field(root, "tools");
        if (isArray(tools)) {
            tools.forEach(t -> c.tool(field(t, "name")));
        }
        blocks(field(root, "system"), SegmentSource.SYSTEM, "system", c);
        JsonNode messages = field(root, "messages");
        if (isArray(messages)) {
            for (int i = 0; i < messages.size(); i++) {
                JsonNode m = messages.get(i);
                SegmentSource source = "assistant".equals(text(m, "role")) ? SegmentSource.ASSISTANT : SegmentSource.USER;
                blocks(field(m, "content"), source, "messages[" + i + "].content", c);
            }
        }
    }

    /** A string, or an array of content blocks. */
    private static void blocks(JsonNode content, SegmentSource source, String path, SegmentCollector c) {
        c.textOrParts(source, content, path, AnthropicExtractor::block);
    }

    private static void block(JsonNode block, SegmentSource source, String path, SegmentCollector c) {
        switch (text(block, "type")) {
            case "image":
                c.image();
                break;
            case "document":
                document(block, path, c);
                break;
            case "tool_use":
            case "server_tool_use":
                c.textOrJson(SegmentSource.TOOL_CALL_ARGUMENTS, field(block, "input"), path + ".input");
                break;
            case "tool_result":
            case "web_search_tool_result":
                blocks(field(block, "content"), SegmentSource.TOOL_RESULT, path + ".content", c);
                break;
            case "search_result":
                blocks(field(block, "content"), SegmentSource.RETRIEVED_DOCUMENT, path + ".content", c);
                break;
            case "thinking":
                c.text(SegmentSource.ASSISTANT, field(block, "thinking"), path + ".thinking");
                break;
            default:
                c.text(source, field(block, "text"), path + ".text");
        }
    }

    /** Plain-text and content-block documents are readable; base64 PDFs are counted as media only. */
    private static void document(JsonNode block, String path, SegmentCollector c) {
        JsonNode src = field(block, "source");
        String type = text(src, "type");
        if ("text".equals(type)) {
            c.text(SegmentSource.RETRIEVED_DOCUMENT, field(src, "data"), path + ".source.data");
        } else if ("content".equals(type)) {
            blocks(field(src, "content"), SegmentSource.RETRIEVED_DOCUMENT, path + ".source.content", c);
        } else {
            c.media(text(src, "media_type"));
        }
    }
}
