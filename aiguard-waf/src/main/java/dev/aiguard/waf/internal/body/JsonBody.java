package dev.aiguard.waf.internal.body;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The JSON request-body processor: flattens a JSON document into arguments named {@code json.a.b} for object
 * members (libmodsecurity's {@code json.} prefix, which CRS exclusions such as {@code ARGS_NAMES:json.profile}
 * expect). Array elements are named like their array ({@code json.arr}), as ModSecurity v2 names them: CRS
 * rules anchor on the end of argument names (934210 needs {@code json.x__contained_by} for an array). Scalars keep their
 * text ({@code true}, {@code 12.5}); {@code null} becomes the empty string. Nesting deeper than the depth limit
 * or more arguments than the argument limit stop parsing with an error, as does malformed JSON.
 */
public final class JsonBody {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(10_000).build())
            .build();

    /** Marks an object level in the index stack (ArrayDeque does not take nulls). */
    private static final int OBJECT = -1;

    private JsonBody() {
    }

    /** Parses {@code body}; never throws. */
    public static BodyResult parse(byte[] body, int depthLimit, int argLimit) {
        return parse(body, depthLimit, argLimit, null);
    }

    /**
     * Parses {@code body} and, when {@code pathsOut} is not {@code null}, adds one exact JSON path per argument, in
     * the same order ({@code messages[1].content[0].text}: member names joined by dots, array indexes in brackets, the
     * root is the empty path). The field-scoped CRS stage uses the paths to tell prompt fields from the envelope;
     * plain CRS runs pass {@code null} and pay nothing for them. Never throws.
     */
    public static BodyResult parse(byte[] body, int depthLimit, int argLimit, List<String> pathsOut) {
        List<Param> args = new ArrayList<>();
        Deque<String> paths = new ArrayDeque<>();
        Deque<String> prefixes = new ArrayDeque<>();
        Deque<int[]> arrayIndexes = new ArrayDeque<>();
        String fieldName = null;
        try (JsonParser parser = FACTORY.createParser(body)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                switch (token) {
                    case FIELD_NAME -> fieldName = ByteStrings.fromText(parser.currentName());
                    case START_OBJECT, START_ARRAY -> {
                        if (pathsOut != null) {
                            paths.push(exactPath(paths.peek(), fieldName, arrayIndexes.peek()));
                        }
                        String name = prefixes.isEmpty() ? "json" : childName(prefixes.peek(), fieldName,
                                arrayIndexes.peek());
                        if (prefixes.size() >= depthLimit) {
                            return new BodyResult(args, "JSON depth limit exceeded (" + depthLimit + ")");
                        }
                        prefixes.push(name);
                        arrayIndexes.push(new int[] {token == JsonToken.START_ARRAY ? 0 : OBJECT});
                        fieldName = null;
                    }
                    case END_OBJECT, END_ARRAY -> {
                        if (pathsOut != null) {
                            paths.pop();
                        }
                        prefixes.pop();
                        arrayIndexes.pop();
                    }
                    default -> {
                        String path = pathsOut == null ? null : exactPath(paths.peek(), fieldName, arrayIndexes.peek());
                        String name = prefixes.isEmpty() ? "json"
                                : childName(prefixes.peek(), fieldName, arrayIndexes.peek());
                        String value = token == JsonToken.VALUE_NULL ? "" : ByteStrings.fromText(parser.getText());
                        if (args.size() >= argLimit) {
                            return new BodyResult(args, "JSON argument limit exceeded (" + argLimit + ")");
                        }
                        args.add(new Param(name, value));
                        if (pathsOut != null) {
                            pathsOut.add(path);
                        }
                        fieldName = null;
                    }
                }
            }
            return new BodyResult(args, null);
        } catch (IOException | RuntimeException e) {
            return new BodyResult(args, "JSON parsing error: " + firstLine(e.getMessage()));
        }
    }

    /** The exact path of the next child of {@code parent} (read before {@link #childName} advances the index). */
    private static String exactPath(String parent, String fieldName, int[] arrayIndex) {
        if (parent == null) {
            return "";
        }
        if (arrayIndex != null && arrayIndex[0] != OBJECT) {
            return parent + "[" + arrayIndex[0] + "]";
        }
        String member = fieldName == null ? "" : fieldName;
        return parent.isEmpty() ? member : parent + "." + member;
    }

    /** Names the next child of {@code prefix}: array elements take the array's own name. */
    private static String childName(String prefix, String fieldName, int[] arrayIndex) {
        if (arrayIndex != null && arrayIndex[0] != OBJECT) {
            arrayIndex[0]++;
            return prefix;
        }
        return prefix + "." + (fieldName == null ? "" : fieldName);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "malformed JSON";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
