package dev.aiguard.api.internal.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiguard.api.Block;
import dev.aiguard.api.Exchange;
import dev.aiguard.api.Guard;
import dev.aiguard.api.GuardConfig;
import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.Headers;
import dev.aiguard.api.PolicyLoader;
import dev.aiguard.api.Principal;
import dev.aiguard.api.ResponseInfo;
import dev.aiguard.api.Stage;
import dev.aiguard.api.StageOutcome;
import dev.aiguard.api.Usage;
import dev.aiguard.api.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The flow log aggregates per identity and window on a clock the test moves. */
class FlowLogSinkTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:05Z"));
    private final ObjectMapper json = new ObjectMapper();

    /** A clock the test sets. */
    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Identity from X-Tenant/X-User (none: anonymous); reserves X-Reserve tokens; blocks paths under /deny. */
    private static Stage stage() {
        return new Stage() {
            @Override
            public StageOutcome inspect(Exchange exchange) {
                exchange.request().headers().first("X-User").ifPresent(user -> exchange.principal(new Principal(
                        user, exchange.request().headers().first("X-Tenant").orElse(null), Set.of(), null, Map.of())));
                exchange.addCost(Exchange.TOKENS_RESERVED,
                        Long.parseLong(exchange.request().headers().first("X-Reserve").orElse("0")));
                return exchange.request().path().startsWith("/deny")
                        ? StageOutcome.block(Block.tooManyRequests("budget.tokens", List.of("ratelimit.t"), null),
                        List.of())
                        : StageOutcome.pass();
            }

            @Override
            public void complete(Exchange exchange, ResponseInfo response) {
                long reserved = exchange.cost(Exchange.TOKENS_RESERVED);
                long used = exchange.verdict().blocked() ? 0 : response.usage().totalTokens();
                exchange.addCost(Exchange.TOKENS_CHARGED, used);
                exchange.addCost(Exchange.TOKENS_REFUNDED, Math.max(0, reserved - used));
            }
        };
    }

    private FlowLogSink sink(Duration window, int topN, int maxIdentities) throws IOException {
        return new FlowLogSink(dir.resolve("flows.jsonl"), new FlowLogConfig("flows.jsonl", window, topN, maxIdentities),
                clock, false);
    }

    private static void call(Guard guard, String path, String tenant, String user, long reserve, long used) {
        GuardRequest.Builder b = GuardRequest.builder().method("POST").uri(path)
                .remoteAddress(new InetSocketAddress("203.0.113.9", 5555));
        b.headers(user == null ? Headers.of("X-Reserve", Long.toString(reserve))
                : tenant == null ? Headers.of("X-User", user, "X-Reserve", Long.toString(reserve))
                : Headers.of("X-Tenant", tenant, "X-User", user, "X-Reserve", Long.toString(reserve)));
        Verdict v = guard.inspect(b.build());
        guard.complete(v.exchange(), ResponseInfo.of(v.httpStatus(), new Usage(used, 0)));
    }

    private List<JsonNode> lines() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("flows.jsonl"))) {
            out.add(json.readTree(line));
        }
        return out;
    }

    private static JsonNode row(List<JsonNode> rows, String subject) {
        return rows.stream().filter(r -> r.path("subject").asText().equals(subject)).findFirst().orElseThrow();
    }

    @Test
    void summarisesEachIdentityWhenTheWindowEnds() throws IOException {
        FlowLogSink sink = sink(Duration.ofMinutes(1), 10, 100);
        Guard guard = Guard.create(GuardConfig.builder().stage("s", stage()).sink(sink).build());

        call(guard, "/v1/chat", "acme", "alice", 1000, 300);
        call(guard, "/v1/chat", "acme", "alice", 1000, 500);
        call(guard, "/deny", "acme", "alice", 1000, 0);
        call(guard, "/v1/chat", "beta", "bob", 200, 200);
        sink.flush();
        assertThat(Files.readString(dir.resolve("flows.jsonl"))).isEmpty(); // window still open

        clock.advance(Duration.ofSeconds(55)); // 10:01:00, the next window
        sink.flush();

        List<JsonNode> rows = lines();
        assertThat(rows).hasSize(2);
        JsonNode alice = rows.get(0); // most tokens first
        assertThat(alice.get("subject").asText()).isEqualTo("alice");
        assertThat(alice.get("tenant").asText()).isEqualTo("acme");
        assertThat(alice.get("window_start").asText()).isEqualTo("2026-11-23T10:00:00Z");
        assertThat(alice.get("window_end").asText()).isEqualTo("2026-11-23T10:01:00Z");
        assertThat(alice.get("requests").asLong()).isEqualTo(3);
        assertThat(alice.get("allowed").asLong()).isEqualTo(2);
        assertThat(alice.get("blocked").asLong()).isEqualTo(1);
        assertThat(alice.get("block_reasons").get("budget.tokens").asLong()).isEqualTo(1);
        assertThat(alice.get("tokens").get("reserved").asLong()).isEqualTo(3000);
        assertThat(alice.get("tokens").get("charged").asLong()).isEqualTo(800);
        assertThat(alice.get("tokens").get("refunded").asLong()).isEqualTo(2200);
        assertThat(alice.get("model_tokens").get("input").asLong()).isEqualTo(800);
        assertThat(row(rows, "bob").get("tokens").get("charged").asLong()).isEqualTo(200);
    }

    @Test
    void requestsLandInTheWindowTheyCompleteIn() throws IOException {
        FlowLogSink sink = sink(Duration.ofSeconds(10), 10, 100);
        Guard guard = Guard.create(GuardConfig.builder().stage("s", stage()).sink(sink).build());

        call(guard, "/a", "t", "u", 10, 10);           // 10:00:05 -> window 10:00:00
        clock.advance(Duration.ofSeconds(10));         // 10:00:15 -> window 10:00:10
        call(guard, "/a", "t", "u", 10, 10);
        call(guard, "/a", "t", "u", 10, 10);
        clock.advance(Duration.ofSeconds(30));         // 10:00:45: both windows over, nothing since
        sink.flush();

        List<JsonNode> rows = lines();
        assertThat(rows).extracting(r -> r.get("window_start").asText())
                .containsExactly("2026-11-23T10:00:00Z", "2026-11-23T10:00:10Z");
        assertThat(rows).extracting(r -> r.get("requests").asLong()).containsExactly(1L, 2L);
    }

    @Test
    void listsTopSpendersAndTopBlockedAndFoldsTheRestIntoOther() throws IOException {
        FlowLogSink sink = sink(Duration.ofMinutes(1), 2, 100);
        Guard guard = Guard.create(GuardConfig.builder().stage("s", stage()).sink(sink).build());
        for (int i = 0; i < 10; i++) {
            call(guard, "/a", "t", "user" + i, 100, i * 10L);          // user9 spends most, then user8
        }
        for (int i = 0; i < 5; i++) {
            call(guard, "/deny", "t", "mallory", 50, 0);              // blocked most
        }
        call(guard, "/deny", "t", "eve", 50, 0);                      // blocked once
        call(guard, "/deny", "t", "eve", 50, 0);
        call(guard, "/deny", "t", "trudy", 50, 0);

        clock.advance(Duration.ofMinutes(1));
        sink.flush();

        List<JsonNode> rows = lines();
        assertThat(rows).extracting(r -> r.get("subject").asText())
                .containsExactly("user9", "user8", "mallory", "eve", "other");
        JsonNode other = rows.get(4);
        assertThat(other.get("requests").asLong()).isEqualTo(8 + 1);  // user0..user7 and trudy
        assertThat(other.get("blocked").asLong()).isEqualTo(1);
        assertThat(other.get("tokens").get("charged").asLong()).isEqualTo(0 + 10 + 20 + 30 + 40 + 50 + 60 + 70);
        long total = rows.stream().mapToLong(r -> r.get("requests").asLong()).sum();
        assertThat(total).isEqualTo(18);
    }

    @Test
    void identitiesPastTheCapCountAsOtherSoMemoryStaysBounded() throws IOException {
        FlowLogSink sink = sink(Duration.ofMinutes(1), 1000, 3);
        Guard guard = Guard.create(GuardConfig.builder().stage("s", stage()).sink(sink).build());
        for (int i = 0; i < 50; i++) {
            call(guard, "/a", "t", "user" + i, 10, 10);
        }
        clock.advance(Duration.ofMinutes(1));
        sink.flush();

        List<JsonNode> rows = lines();
        assertThat(rows).hasSize(4);
        assertThat(row(rows, "other").get("requests").asLong()).isEqualTo(47);
        assertThat(rows.stream().mapToLong(r -> r.get("tokens").get("charged").asLong()).sum()).isEqualTo(500);
    }

    @Test
    void anonymousCallersAreToldApartByAddress() throws IOException {
        FlowLogSink sink = sink(Duration.ofMinutes(1), 10, 100);
        Guard guard = Guard.create(GuardConfig.builder().stage("s", stage()).sink(sink).build());
        call(guard, "/deny", null, null, 0, 0);

        sink.close();

        JsonNode row = lines().get(0);
        assertThat(row.get("subject").asText()).isEqualTo("anonymous");
        assertThat(row.get("client").asText()).isEqualTo("203.0.113.9");
        assertThat(row.has("tenant")).isFalse();
        assertThat(row.get("blocked").asLong()).isEqualTo(1);
    }

    @Test
    void policySinkTypeFlowlogWritesNextToThePolicy() throws Exception {
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, """
                apiVersion: aiguard.dev/v1
                events:
                  sinks:
                    - type: flowlog
                      path: logs/flows.jsonl
                      window: 1m
                      topN: 5
                """);
        PolicyLoader loader = PolicyLoader.create();
        Guard guard = Guard.create(loader.load(policy).toGuardConfig());
        Verdict v = guard.inspect(GuardRequest.builder().method("GET").uri("/").build());
        guard.complete(v.exchange(), ResponseInfo.of(200, Usage.unknown()));

        guard.close(); // writes the open window

        List<String> written = Files.readAllLines(dir.resolve("logs/flows.jsonl"));
        assertThat(written).singleElement().satisfies(l -> assertThat(json.readTree(l).get("allowed").asLong())
                .isEqualTo(1));
        assertThat(loader.check("bad.yaml", """
                apiVersion: aiguard.dev/v1
                events:
                  sinks:
                    - type: flowlog
                      path: ""
                      topN: -1
                """)).hasSize(2);
    }
}
