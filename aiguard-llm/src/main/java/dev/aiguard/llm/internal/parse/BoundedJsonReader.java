package dev.aiguard.llm.internal.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reads JSON with Jackson's streaming parser into a tree, iteratively (no recursion, so nesting cannot overflow the
 * stack) and under {@link JsonLimits}. It never throws: on malformed, truncated or oversized input it returns the part
 * read so far plus an error, so a cut-off prompt is still inspected.
 */
public final class BoundedJsonReader {

    private final JsonLimits limits;
    private final JsonFactory factory;

    public BoundedJsonReader(JsonLimits limits) {
        this.limits = limits;
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(limits.maxStringChars())
                        .maxNestingDepth(limits.maxDepth() + 1)
                        .build())
                .build();
    }

    /** Reads {@code bytes[0..length)}. */
    public ParsedJson read(byte[] bytes, int length) {
        Builder builder = new Builder();
        try (JsonParser parser = factory.createParser(bytes, 0, length)) {
            String error = builder.consume(parser);
            return new ParsedJson(builder.root, error);
        } catch (IOException | RuntimeException e) {
            // Jackson reports syntax errors, truncation and constraint violations as exceptions; they end the read.
            return new ParsedJson(builder.root, describe(e));
        }
    }

    private static String describe(Exception e) {
        if (e instanceof com.fasterxml.jackson.core.io.JsonEOFException
                || String.valueOf(e.getMessage()).startsWith("Unexpected end-of-input")) {
            return "truncated JSON";
        }
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = msg.indexOf('\n');
        msg = nl >= 0 ? msg.substring(0, nl) : msg;
        return msg.length() > 160 ? msg.substring(0, 160) : msg;
    }

    /** Builds the tree from parser events with an explicit stack. */
    private final class Builder {
        private final JsonNodeFactory nodes = JsonNodeFactory.instance;
        private final Deque<JsonNode> stack = new ArrayDeque<>();
        private JsonNode root;
        private String fieldName;
        private int count;

        String consume(JsonParser parser) throws IOException {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME) {
                    fieldName = parser.currentName();
                    continue;
                }
                if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    stack.pop();
                    if (stack.isEmpty()) {
                        return trailing(parser);
                    }
                    continue;
                }
                if (++count > limits.maxNodes()) {
                    return "more than " + limits.maxNodes() + " JSON values";
                }
                if ((token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY)
                        && stack.size() >= limits.maxDepth()) {
                    return "JSON nested deeper than " + limits.maxDepth();
                }
                JsonNode value = value(token, parser);
                attach(value);
                if (value.isContainerNode()) {
                    stack.push(value);
                } else if (stack.isEmpty()) {
                    return trailing(parser);
                }
            }
            return root == null ? "empty body" : "truncated JSON";
        }

        private String trailing(JsonParser parser) throws IOException {
            return parser.nextToken() == null ? null : "data after the JSON document";
        }

        private JsonNode value(JsonToken token, JsonParser parser) throws IOException {
            switch (token) {
                case START_OBJECT:
                    return nodes.objectNode();
                case START_ARRAY:
                    return nodes.arrayNode();
                case VALUE_STRING:
                    return nodes.textNode(parser.getText());
                case VALUE_NUMBER_INT:
                    return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                            ? nodes.numberNode(Long.MAX_VALUE) : nodes.numberNode(parser.getLongValue());
                case VALUE_NUMBER_FLOAT:
                    return nodes.numberNode(parser.getDoubleValue());
                case VALUE_TRUE:
                    return nodes.booleanNode(true);
                case VALUE_FALSE:
                    return nodes.booleanNode(false);
                default:
                    return nodes.nullNode();
            }
        }

        private void attach(JsonNode value) {
            JsonNode parent = stack.peek();
            if (parent == null) {
                root = value;
            } else if (parent instanceof ObjectNode object) {
                object.set(fieldName, value);
            } else {
                ((ArrayNode) parent).add(value);
            }
        }
    }
}
