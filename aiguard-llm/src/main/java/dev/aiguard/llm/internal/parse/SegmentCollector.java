package dev.aiguard.llm.internal.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiguard.llm.LlmFormat;
import dev.aiguard.llm.LlmRequest;
import dev.aiguard.llm.PromptSegment;
import dev.aiguard.llm.SegmentSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Accumulates what a format extractor finds in one payload, enforcing the segment limit, and builds the
 * {@link LlmRequest}. Extractors call the typed helpers so every format reads scalars the same lenient way.
 */
final class SegmentCollector {

    private final int maxSegments;
    private final List<PromptSegment> segments = new ArrayList<>();
    private final List<String> tools = new ArrayList<>();
    private String model = "";
    private boolean stream;
    private long maxOutputTokens = -1;
    private int n = 1;
    private int images;
    private int audio;
    private String error;

    SegmentCollector(int maxSegments) {
        this.maxSegments = maxSegments;
    }

    /** Adds {@code node} as a segment when it is a non-empty string. */
    void text(SegmentSource source, JsonNode node, String path) {
        if (node != null && node.isTextual() && !node.textValue().isEmpty()) {
            add(source, node.textValue(), path);
        }
    }

    /** Adds {@code node} as a segment: strings as they are, other JSON (tool arguments, tool output) as JSON text. */
    void textOrJson(SegmentSource source, JsonNode node, String path) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        if (node.isTextual()) {
            text(source, node, path);
        } else {
            add(source, node.toString(), path);
        }
    }

    /** Adds each string of a string-or-array-of-strings value (token-id arrays are skipped). */
    void textOrTextArray(SegmentSource source, JsonNode node, String path) {
        if (node == null) {
            return;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                text(source, node.get(i), path + "[" + i + "]");
            }
        } else {
            text(source, node, path);
        }
    }

    /**
     * Adds a content value: a string is one segment, an array is handed to {@code parts} element by element (with
     * the element's path), anything else is ignored.
     */
    void textOrParts(SegmentSource source, JsonNode content, String path, PartReader parts) {
        if (content == null) {
            return;
        }
        if (content.isTextual()) {
            text(source, content, path);
        } else if (content.isArray()) {
            for (int k = 0; k < content.size(); k++) {
                parts.read(content.get(k), source, path + "[" + k + "]", this);
            }
        }
    }

    void add(SegmentSource source, String text, String path) {
        if (segments.size() >= maxSegments) {
            fail("more than " + maxSegments + " prompt segments");
            return;
        }
        segments.add(new PromptSegment(source, text, path));
    }

    void model(JsonNode node) {
        if (node != null && node.isTextual()) {
            model = node.textValue();
        }
    }

    void model(String name) {
        model = name;
    }

    void stream(JsonNode node) {
        if (node != null && node.isBoolean()) {
            stream = node.booleanValue();
        }
    }

    void stream(boolean value) {
        stream = value;
    }

    /** Takes the first numeric field among {@code names} as the output-token limit. */
    void maxOutputTokens(JsonNode object, String... names) {
        if (object == null || !object.isObject()) {
            return;
        }
        for (String name : names) {
            JsonNode v = object.get(name);
            if (v != null && v.isNumber()) {
                maxOutputTokens = v.asLong();
                return;
            }
        }
    }

    void n(JsonNode node) {
        if (node != null && node.isNumber()) {
            n = (int) Math.max(0, Math.min(Integer.MAX_VALUE, node.asLong()));
        }
    }

    void tool(JsonNode name) {
        if (name != null && name.isTextual()) {
            tools.add(name.textValue());
        }
    }

    void image() {
        images++;
    }

    void audio() {
        audio++;
    }

    /** Counts an inline or referenced media part by its MIME type. */
    void media(String mimeType) {
        if (mimeType.startsWith("audio/")) {
            audio++;
        } else if (mimeType.startsWith("image/")) {
            images++;
        }
    }

    /** Records the first error; later ones are consequences. */
    void fail(String message) {
        if (error == null) {
            error = message;
        }
    }

    LlmRequest build(LlmFormat format) {
        return new LlmRequest(format, model, stream, maxOutputTokens, n, tools, segments, images, audio, error);
    }

    /** Reads one element of a content array in a format's own way. */
    @FunctionalInterface
    interface PartReader {
        void read(JsonNode part, SegmentSource source, String path, SegmentCollector c);
    }
}
