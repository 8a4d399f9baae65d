package dev.aiguard.api.internal.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Key paths such as {@code stages[1].limits[0].tokens}. Keys that are not plain identifiers are written
 * {@code rules["prompt.injection"]} so that a path can be parsed back (to locate a factory's validation problem).
 */
public final class KeyPaths {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    private KeyPaths() {
    }

    /** The path of {@code key} under {@code parent}. */
    public static String child(String parent, String key) {
        if (!PLAIN.matcher(key).matches()) {
            return parent + "[\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
        }
        return parent.isEmpty() ? key : parent + "." + key;
    }

    /** The path of item {@code index} of the list at {@code parent}. */
    public static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** Appends a relative path (as a factory reports it) to {@code parent}. */
    public static String join(String parent, String relative) {
        if (relative.isEmpty()) {
            return parent;
        }
        if (parent.isEmpty() || relative.startsWith("[")) {
            return parent + relative;
        }
        return parent + "." + relative;
    }

    /**
     * Splits a relative path into segments: {@link String} keys and {@link Integer} indexes. Returns what parses
     * before the first malformed part (a path the factory got wrong still locates its prefix).
     */
    public static List<Object> parse(String path) {
        List<Object> out = new ArrayList<>();
        int i = 0;
        int n = path.length();
        while (i < n) {
            char c = path.charAt(i);
            if (c == '.') {
                i++;
            } else if (c == '[') {
                int end = path.indexOf(']', i);
                if (end < 0) {
                    return out;
                }
                String inner = path.substring(i + 1, end);
                if (inner.startsWith("\"")) {
                    end = closingQuote(path, i + 2);
                    if (end < 0) {
                        return out;
                    }
                    out.add(path.substring(i + 2, end).replace("\\\"", "\"").replace("\\\\", "\\"));
                    i = end + 2;
                } else {
                    try {
                        out.add(Integer.parseInt(inner));
                    } catch (NumberFormatException e) {
                        return out;
                    }
                    i = end + 1;
                }
            } else {
                int end = i;
                while (end < n && path.charAt(end) != '.' && path.charAt(end) != '[') {
                    end++;
                }
                out.add(path.substring(i, end));
                i = end;
            }
        }
        return out;
    }

    private static int closingQuote(String path, int from) {
        for (int i = from; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return -1;
    }

    /**
     * The deepest node on {@code relative} below {@code start}: the node itself when the path exists, else the
     * closest existing ancestor (a problem about a missing key points at its parent).
     */
    public static Node locate(Node start, String relative) {
        Node current = start;
        for (Object segment : parse(relative)) {
            Node next = null;
            if (segment instanceof String key && current instanceof Node.MapNode map) {
                next = map.get(key);
            } else if (segment instanceof Integer index && current instanceof Node.ListNode list
                    && index >= 0 && index < list.items().size()) {
                next = list.items().get(index);
            }
            if (next == null) {
                return current;
            }
            current = next;
        }
        return current;
    }
}
