package dev.aiguard.api.internal.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges the documents of a policy directory, in file-name order. Later files override earlier ones: mappings merge
 * key by key (recursively), scalars and lists are replaced, except the top-level {@code stages} list, where a stage
 * whose name (its {@code name}, else its {@code type}) matches an earlier stage replaces it in place, and other stages
 * are appended. Nodes keep their own file and path, so errors still point into the file that wrote them.
 */
public final class PolicyMerge {

    private PolicyMerge() {
    }

    /** Merges {@code documents} (at least one) in order. */
    public static Node.MapNode merge(List<Node.MapNode> documents) {
        Node.MapNode merged = documents.get(0);
        for (int i = 1; i < documents.size(); i++) {
            merged = mergeMaps(merged, documents.get(i), true);
        }
        return merged;
    }

    private static Node.MapNode mergeMaps(Node.MapNode base, Node.MapNode over, boolean top) {
        Map<String, Node.Entry> entries = new LinkedHashMap<>(base.entries());
        for (Node.Entry e : over.entries().values()) {
            Node.Entry previous = entries.get(e.key());
            Node merged = e.value();
            if (previous != null && top && e.key().equals("stages")
                    && previous.value() instanceof Node.ListNode a && e.value() instanceof Node.ListNode b) {
                merged = mergeStages(a, b);
            } else if (previous != null && previous.value() instanceof Node.MapNode a && e.value() instanceof Node.MapNode b) {
                merged = mergeMaps(a, b, false);
            }
            entries.put(e.key(), new Node.Entry(e.key(), e.keyLocation(), merged));
        }
        return new Node.MapNode(base.location(), base.path(), entries);
    }

    private static Node.ListNode mergeStages(Node.ListNode base, Node.ListNode over) {
        List<Node> stages = new ArrayList<>(base.items());
        for (Node stage : over.items()) {
            String name = stageName(stage);
            int at = -1;
            for (int i = 0; i < stages.size() && name != null; i++) {
                if (name.equals(stageName(stages.get(i)))) {
                    at = i;
                }
            }
            if (at >= 0) {
                stages.set(at, stage);
            } else {
                stages.add(stage);
            }
        }
        return new Node.ListNode(base.location(), base.path(), stages);
    }

    /** A stage's name: its {@code name}, else its {@code type}; {@code null} when it has neither. */
    public static String stageName(Node stage) {
        if (!(stage instanceof Node.MapNode map)) {
            return null;
        }
        Node name = map.get("name");
        if (name instanceof Node.ScalarNode s && !s.isNull()) {
            return s.text();
        }
        Node type = map.get("type");
        return type instanceof Node.ScalarNode s && !s.isNull() ? s.text() : null;
    }
}
