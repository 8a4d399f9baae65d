package dev.aiguard.cli.internal.console;

import dev.aiguard.api.EventType;
import dev.aiguard.api.Mode;
import dev.aiguard.api.SecurityEvent;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's in-memory store stays bounded whatever the traffic. */
class ConsoleDataTest {

    @Test
    void theEventRingKeepsOnlyTheNewestEvents() {
        ConsoleData data = new ConsoleData(3, Clock.systemUTC());
        for (int i = 0; i < 10; i++) {
            data.publish(new SecurityEvent(Instant.now(), EventType.REQUEST_BLOCKED, "r" + i, "v", "GET", "/", null,
                    null, Mode.ENFORCE, 403, "x", "s", List.of("rule"), List.of(), Map.of(), 0, ""));
        }
        assertThat(data.events(e -> true, 100)).extracting(SecurityEvent::requestId).containsExactly("r9", "r8", "r7");
        assertThat(data.eventsSeen()).isEqualTo(10);
        assertThat(data.rules().all()).singleElement().satisfies(r -> assertThat(r.get(ConsoleData.ENFORCED)).isEqualTo(10));
    }

    @Test
    void identitiesPastTheBoundAreFoldedIntoOther() {
        Tally tally = new Tally(1, 2);
        tally.add("a", 0, 1);
        tally.add("b", 0, 1);
        tally.add("c", 0, 5);
        tally.add("d", 0, 5);
        assertThat(tally.all()).extracting(Tally.Row::key).containsExactly("(other)", "a", "b");
        assertThat(tally.top(0, 1)).singleElement().satisfies(r -> assertThat(r.get(0)).isEqualTo(10));
    }

    @Test
    void theGraphStopsGrowingAtItsBoundAndCountsWhatItDropped() {
        TrafficGraph graph = new TrafficGraph(2);
        graph.add(TrafficGraph.Kind.IDENTITY, "a", TrafficGraph.Kind.ROUTE, "/1", false);
        graph.add(TrafficGraph.Kind.IDENTITY, "a", TrafficGraph.Kind.ROUTE, "/2", true);
        graph.add(TrafficGraph.Kind.IDENTITY, "a", TrafficGraph.Kind.ROUTE, "/3", false);
        graph.add(TrafficGraph.Kind.IDENTITY, "a", TrafficGraph.Kind.ROUTE, "/1", false);
        assertThat(graph.edges()).extracting(TrafficGraph.Edge::count).containsExactly(2L, 1L);
        assertThat(graph.droppedEdges()).isEqualTo(1);
    }

    @Test
    void theTimeSeriesReusesOldBucketsAndShowsQuietOnesAsZero() {
        TimeSeries series = new TimeSeries(10_000, 3);
        series.add(5_000, false, 10);
        series.add(15_000, true, 0);
        series.add(45_000, false, 7);     // wraps onto the slot of 15_000, which is too old to keep
        List<TimeSeries.Point> window = series.window(45_000);
        assertThat(window).extracting(TimeSeries.Point::startMillis).containsExactly(20_000L, 30_000L, 40_000L);
        assertThat(window).extracting(TimeSeries.Point::requests).containsExactly(0L, 0L, 1L);
        assertThat(window).extracting(TimeSeries.Point::tokens).containsExactly(0L, 0L, 7L);
    }
}
