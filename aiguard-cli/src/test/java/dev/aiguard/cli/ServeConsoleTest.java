package dev.aiguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code serve --demo} feeds its console: every request, block and monitor-mode finding shows up in /api. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServeConsoleTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private DemoTraffic demo;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        demo = DemoTraffic.start(dir);
    }

    @AfterAll
    void stop() throws Exception {
        demo.close();
    }

    private JsonNode api(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(demo.console().resolve(path))
                .header("Authorization", "Bearer " + demo.token()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Test
    void theBannerPrintsTheLoopbackConsoleAndItsToken() {
        assertThat(demo.console().getHost()).isEqualTo("127.0.0.1");
        assertThat(demo.token()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(demo.serve.out()).contains("console: " + demo.console() + " (admin token: " + demo.token() + ")");
    }

    @Test
    void theConsoleIsClosedWithoutTheToken() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(demo.console().resolve("/api/events")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
    }

    @Test
    void topSpendersAndBlocksComeFromTheRealTraffic() throws Exception {
        JsonNode top = api("/api/top");
        assertThat(top.get("byCost").get(0).get("identity").asText()).isEqualTo("console-bob");
        assertThat(top.get("byCost").get(0).get("tokens").asLong()).isGreaterThan(top.get("byCost").get(1).get("tokens").asLong());
        assertThat(top.get("byBlocks").get(0).get("identity").asText()).isEqualTo("console-bob");
        assertThat(top.get("byBlocks").get(0).get("blocks").asLong()).isEqualTo(3);
        assertThat(top.get("byRequests").findValuesAsText("identity")).containsExactly("console-bob", "console-alice");
    }

    @Test
    void blocksAndMonitorModeFindingsAreCountedPerRule() throws Exception {
        JsonNode events = api("/api/events?verdict=blocked").get("events");
        assertThat(events).hasSize(4);
        assertThat(events.findValuesAsText("stage")).containsOnly("sql");
        assertThat(api("/api/events?verdict=would_block&identity=console-alice").get("events")).hasSize(1);
        JsonNode rules = api("/api/rules").get("rules");
        assertThat(rules.toString()).contains("\"wouldBlock\":1");
        long enforced = 0;
        for (JsonNode r : rules) {
            enforced += r.get("enforced").asLong();
        }
        assertThat(enforced).isEqualTo(4);
    }

    @Test
    void theGraphLinksIdentitiesToTheRouteAndTheModel() throws Exception {
        JsonNode graph = api("/api/graph");
        assertThat(graph.get("nodes").findValuesAsText("id")).contains("identity:console-alice", "identity:console-bob",
                "route:/v1/chat/completions", "model:aiguard-demo");
    }

    @Test
    void thePolicyVersionIsTheOneServing() throws Exception {
        JsonNode policy = api("/api/policy");
        assertThat(demo.serve.out()).contains("version " + policy.get("version").asText());
        assertThat(policy.get("stages").toString()).contains("staged (keyword, monitor)");
    }
}
