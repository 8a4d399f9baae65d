package dev.aiguard.cli.internal.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who talks to what: edges identity -> route, identity -> model and workload -> egress destination, with counts.
 * Bounded: once {@code maxEdges} distinct edges exist, new ones are counted in {@link #droppedEdges()} only.
 */
final class TrafficGraph {

    /** Node kinds. */
    enum Kind { IDENTITY, ROUTE, MODEL, DESTINATION }

    /** A directed edge with how often it was seen and how often it was refused. */
    record Edge(Kind fromKind, String from, Kind toKind, String to, long count, long blocked) {
    }

    private record Key(Kind fromKind, String from, Kind toKind, String to) {
    }

    private final int maxEdges;
    private final Map<Key, long[]> edges = new LinkedHashMap<>();
    private long dropped;

    TrafficGraph(int maxEdges) {
        this.maxEdges = maxEdges;
    }

    synchronized void add(Kind fromKind, String from, Kind toKind, String to, boolean blocked) {
        Key key = new Key(fromKind, from, toKind, to);
        long[] counts = edges.get(key);
        if (counts == null) {
            if (edges.size() >= maxEdges) {
                dropped++;
                return;
            }
            counts = new long[2];
            edges.put(key, counts);
        }
        counts[0]++;
        counts[1] += blocked ? 1 : 0;
    }

    synchronized List<Edge> edges() {
        List<Edge> out = new ArrayList<>(edges.size());
        edges.forEach((k, c) -> out.add(new Edge(k.fromKind(), k.from(), k.toKind(), k.to(), c[0], c[1])));
        return out;
    }

    synchronized long droppedEdges() {
        return dropped;
    }
}
