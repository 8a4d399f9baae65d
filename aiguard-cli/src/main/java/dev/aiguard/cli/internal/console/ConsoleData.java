package dev.aiguard.cli.internal.console;

import dev.aiguard.api.EventSink;
import dev.aiguard.api.EventType;
import dev.aiguard.api.Finding;
import dev.aiguard.api.SecurityEvent;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What the console shows, kept in memory with fixed bounds: the last security events (a ring buffer) and running
 * aggregates (per identity, per rule, the traffic graph, requests/blocks/tokens over time). It is an
 * {@link EventSink} (every security event, including the egress proxy's connections) and also receives one
 * {@link CompletedRequest} per request the guard finished, which carries what events do not (allowed requests,
 * tokens, models). Thread-safe.
 */
public final class ConsoleData implements EventSink {

    /** Columns of the identity tally. */
    static final int REQUESTS = 0;
    static final int BLOCKS = 1;
    static final int TOKENS = 2;
    static final int EGRESS = 3;
    static final int EGRESS_DENIED = 4;
    /** Columns of the rule tally. */
    static final int ENFORCED = 0;
    static final int WOULD_BLOCK = 1;
    static final int FINDINGS = 2;

    private final EventRing events;
    private final Tally identities = new Tally(5, 1000);
    private final Tally rules = new Tally(3, 2000);
    private final TrafficGraph graph = new TrafficGraph(2000);
    private final TimeSeries series;
    private final Clock clock;

    /** A store with room for {@code eventCapacity} events and a 10-minute chart window of 10-second buckets. */
    public ConsoleData(int eventCapacity, Clock clock) {
        this.events = new EventRing(eventCapacity);
        this.series = new TimeSeries(10_000, 60);
        this.clock = clock;
    }

    @Override
    public void publish(SecurityEvent event) {
        if (event == null) {
            return;
        }
        events.add(event);
        countRules(event);
        if (event.type() == EventType.EGRESS_ALLOWED || event.type() == EventType.EGRESS_DENIED
                || event.type() == EventType.EGRESS_WOULD_DENY) {
            String who = ConsoleViews.identity(event);
            boolean denied = event.type() == EventType.EGRESS_DENIED;
            identities.add(who, EGRESS, 1);
            identities.add(who, EGRESS_DENIED, denied ? 1 : 0);
            identities.add(who, BLOCKS, denied ? 1 : 0);
            String destination = ConsoleViews.destination(event);
            if (destination != null) {
                graph.add(TrafficGraph.Kind.IDENTITY, who, TrafficGraph.Kind.DESTINATION, destination, denied);
            }
        }
    }

    private void countRules(SecurityEvent event) {
        Set<String> findingRules = new LinkedHashSet<>();
        for (Finding f : event.findings()) {
            findingRules.add(f.ruleId());
        }
        findingRules.forEach(rule -> rules.add(rule, FINDINGS, 1));
        Set<String> decisive = new LinkedHashSet<>(event.ruleIds());
        if (decisive.isEmpty()) {
            decisive.addAll(findingRules);
        }
        if (decisive.isEmpty() && event.reason() != null) {
            decisive.add(event.reason());
        }
        switch (event.type()) {
            case REQUEST_BLOCKED, EGRESS_DENIED -> decisive.forEach(rule -> rules.add(rule, ENFORCED, 1));
            case REQUEST_WOULD_BLOCK, EGRESS_WOULD_DENY -> decisive.forEach(rule -> rules.add(rule, WOULD_BLOCK, 1));
            default -> {
                // Allowed requests, allowed connections, stage failures and policy events block nothing.
            }
        }
    }

    /** Counts one finished request (called by the serving handler). */
    public void request(CompletedRequest r) {
        identities.add(r.identity(), REQUESTS, 1);
        identities.add(r.identity(), BLOCKS, r.blocked() ? 1 : 0);
        identities.add(r.identity(), TOKENS, r.tokens());
        series.add(r.time().toEpochMilli(), r.blocked(), r.tokens());
        if (r.route() != null) {
            graph.add(TrafficGraph.Kind.IDENTITY, r.identity(), TrafficGraph.Kind.ROUTE, r.route(), r.blocked());
        }
        if (r.model() != null) {
            graph.add(TrafficGraph.Kind.IDENTITY, r.identity(), TrafficGraph.Kind.MODEL, r.model(), r.blocked());
        }
    }

    List<SecurityEvent> events(Predicate<SecurityEvent> filter, int limit) {
        return events.newest(filter, limit);
    }

    long eventsSeen() {
        return events.total();
    }

    Tally identities() {
        return identities;
    }

    Tally rules() {
        return rules;
    }

    TrafficGraph graph() {
        return graph;
    }

    List<TimeSeries.Point> series() {
        return series.window(clock.millis());
    }

    long bucketMillis() {
        return series.bucketMillis();
    }
}
