package dev.aiguard.api.internal.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node of a parsed policy document. Every node remembers where it was written ({@link #location()}) and its key path
 * within its own file ({@link #path()}), so that errors found after merging several files still point at the right
 * file, line and key.
 */
public sealed interface Node permits Node.MapNode, Node.ListNode, Node.ScalarNode {

    Location location();

    /** Key path within the node's own file, e.g. {@code stages[1].budget}; empty for the root. */
    String path();

    /** A short description of the node's kind for type errors. */
    String kind();

    /**
     * A mapping, keys in document order.
     *
     * @param entries key to entry (key location and value)
     */
    record MapNode(Location location, String path, Map<String, Entry> entries) implements Node {
        public MapNode {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        /** The value under {@code key}, or {@code null}. */
        public Node get(String key) {
            Entry e = entries.get(key);
            return e == null ? null : e.value();
        }

        @Override
        public String kind() {
            return "a mapping";
        }
    }

    /**
     * One key of a mapping.
     *
     * @param key         the key
     * @param keyLocation where the key is written (unknown-key errors point here)
     * @param value       its value
     */
    record Entry(String key, Location keyLocation, Node value) {
    }

    /** A sequence. */
    record ListNode(Location location, String path, List<Node> items) implements Node {
        public ListNode {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "a list";
        }
    }

    /**
     * A scalar.
     *
     * @param type        what YAML made of it (strings after {@code ${ENV}} substitution are always {@link ScalarType#STRING})
     * @param text        its text after {@code ${ENV}} substitution
     * @param source      its text as written (shown in messages instead of {@code text}, so secrets never leak)
     */
    record ScalarNode(Location location, String path, ScalarType type, String text, String source) implements Node {

        /** Whether {@code ${ENV}} substitution changed this scalar. */
        public boolean substituted() {
            return !text.equals(source);
        }

        /** The scalar as shown in messages: the written form, never a substituted secret. */
        public String display() {
            return source;
        }

        public boolean isNull() {
            return type == ScalarType.NULL;
        }

        @Override
        public String kind() {
            return isNull() ? "null" : "a scalar";
        }
    }

    /** The YAML core-schema type of a scalar. */
    enum ScalarType {
        STRING, INTEGER, FLOAT, BOOLEAN, NULL
    }
}
