package dev.aiguard.waf.internal.operator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * Case-insensitive multi-phrase search over byte strings (Aho-Corasick automaton over ASCII-lowercased
 * bytes): one pass over the input, linear time whatever the number of phrases. Immutable once built.
 *
 * <p>Layout: the trie's edges are stored per node in sorted arrays (compact for thousands of phrases);
 * the root has a dense 256-entry table because it is visited at almost every byte.
 */
final class PhraseMatcher {

    private static final int ROOT = 0;

    private final int[] rootNext = new int[256];
    private final int[] edgeStart;
    private final byte[] edgeByte;
    private final int[] edgeTarget;
    private final int[] fail;
    /** Index into {@link #phrases} of the longest phrase ending at the node (itself or via suffixes), or -1. */
    private final int[] output;
    private final String[] phrases;

    private PhraseMatcher(Trie trie, List<String> phraseList) {
        int nodes = trie.children.size();
        this.phrases = phraseList.toArray(new String[0]);
        this.edgeStart = new int[nodes + 1];
        int edges = 0;
        for (Map<Integer, Integer> children : trie.children) {
            edges += children.size();
        }
        this.edgeByte = new byte[edges];
        this.edgeTarget = new int[edges];
        int e = 0;
        for (int node = 0; node < nodes; node++) {
            edgeStart[node] = e;
            Integer[] keys = trie.children.get(node).keySet().toArray(new Integer[0]);
            Arrays.sort(keys);
            for (int key : keys) {
                edgeByte[e] = (byte) key;
                edgeTarget[e++] = trie.children.get(node).get(key);
            }
        }
        edgeStart[nodes] = e;
        this.fail = new int[nodes];
        this.output = trie.terminal.stream().mapToInt(Integer::intValue).toArray();
        Arrays.fill(rootNext, ROOT);
        trie.children.get(ROOT).forEach((b, child) -> rootNext[b] = child);
        linkFailures(nodes);
    }

    /**
     * Builds the automaton. Empty phrases are ignored (they would match everything).
     */
    static PhraseMatcher of(Collection<String> phrases) {
        Trie trie = new Trie();
        List<String> kept = new ArrayList<>();
        for (String phrase : phrases) {
            if (!phrase.isEmpty()) {
                trie.add(phrase, kept.size());
                kept.add(phrase);
            }
        }
        return new PhraseMatcher(trie, kept);
    }

    /** Number of distinct non-empty phrases. */
    int size() {
        return phrases.length;
    }

    /**
     * The phrase (as written) that ends first in the input, the longest one when several end at the
     * same byte; {@code null} when none occurs.
     */
    String findFirst(String input) {
        if (phrases.length == 0) {
            return null;
        }
        int state = ROOT;
        for (int i = 0; i < input.length(); i++) {
            state = step(state, lower(input.charAt(i)));
            if (output[state] >= 0) {
                return phrases[output[state]];
            }
        }
        return null;
    }

    private int step(int state, int b) {
        int s = state;
        while (s != ROOT) {
            int next = child(s, b);
            if (next >= 0) {
                return next;
            }
            s = fail[s];
        }
        return rootNext[b];
    }

    private int child(int node, int b) {
        int lo = edgeStart[node];
        int hi = edgeStart[node + 1] - 1;
        byte key = (byte) b;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int cmp = Integer.compare(edgeByte[mid] & 0xFF, key & 0xFF);
            if (cmp == 0) {
                return edgeTarget[mid];
            }
            if (cmp < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return -1;
    }

    /** Breadth-first: a node's failure link is the longest proper suffix that is also a trie path. */
    private void linkFailures(int nodes) {
        Queue<Integer> queue = new ArrayDeque<>();
        for (int e = edgeStart[ROOT]; e < edgeStart[ROOT + 1]; e++) {
            fail[edgeTarget[e]] = ROOT;
            queue.add(edgeTarget[e]);
        }
        while (!queue.isEmpty()) {
            int node = queue.remove();
            for (int e = edgeStart[node]; e < edgeStart[node + 1]; e++) {
                int child = edgeTarget[e];
                int b = edgeByte[e] & 0xFF;
                fail[child] = step(fail[node], b);
                if (output[child] < 0) {
                    output[child] = output[fail[child]];
                }
                queue.add(child);
            }
        }
    }

    /** ASCII-only lowercase of one byte; chars above 0xFF read as '?', like everywhere in the WAF. */
    static int lower(char c) {
        if (c > 0xFF) {
            return '?';
        }
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }

    /** Build-time trie with map-based edges. */
    private static final class Trie {
        final List<Map<Integer, Integer>> children = new ArrayList<>();
        final List<Integer> terminal = new ArrayList<>();

        Trie() {
            newNode();
        }

        private int newNode() {
            children.add(new HashMap<>());
            terminal.add(-1);
            return children.size() - 1;
        }

        void add(String phrase, int index) {
            int node = ROOT;
            for (int i = 0; i < phrase.length(); i++) {
                int b = lower(phrase.charAt(i));
                Integer next = children.get(node).get(b);
                if (next == null) {
                    next = newNode();
                    children.get(node).put(b, next);
                }
                node = next;
            }
            if (terminal.get(node) < 0) {
                terminal.set(node, index);
            }
        }
    }
}
