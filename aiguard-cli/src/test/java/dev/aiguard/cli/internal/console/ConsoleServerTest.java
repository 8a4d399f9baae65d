package dev.aiguard.cli.internal.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiguard.api.EventType;
import dev.aiguard.api.Finding;
import dev.aiguard.api.Mode;
import dev.aiguard.api.Principal;
import dev.aiguard.api.SecurityEvent;
import dev.aiguard.api.Severity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The console's HTTP surface: the token gate on every path, the login flow, and every JSON endpoint's content. */
class ConsoleServerTest {

    static final String TOKEN = "test-admin-token-0123456789";
    static final ObjectMapper JSON = new ObjectMapper();
    static ConsoleServer console;
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() throws Exception {
        ConsoleData data = new ConsoleData(100, Clock.systemUTC());
        Principal alice = new Principal("alice", null, Set.of(), "free", Map.of());
        Principal bob = new Principal("bob", null, Set.of(), "pro", Map.of());
        data.request(new CompletedRequest(Instant.now(), "alice", "/v1/chat/completions", "gpt-x", 200, false, false, 30));
        data.request(new CompletedRequest(Instant.now(), "bob", "/v1/chat/completions", "gpt-x", 200, false, false, 500));
        data.request(new CompletedRequest(Instant.now(), "alice", "/v1/chat/completions", "gpt-x", 403, true, false, 0));
        data.request(new CompletedRequest(Instant.now(), "alice", "/v1/chat/completions", null, 403, true, false, 0));
        Finding sqli = new Finding("waf", "942100", Severity.HIGH, "SQL injection", "ARGS:q", "", 5, List.of());
        Finding injection = new Finding("prompt", "prompt.injection", Severity.HIGH, "prompt injection",
                "messages[0].content", "", 90, List.of());
        data.publish(new SecurityEvent(Instant.now(), EventType.REQUEST_BLOCKED, "r1", "v1", "POST",
                "/v1/chat/completions", "127.0.0.1", alice, Mode.ENFORCE, 403, "waf.anomaly_score", "waf",
                List.of("942100"), List.of(sqli), Map.of(), 1000, "blocked by waf"));
        data.publish(new SecurityEvent(Instant.now(), EventType.REQUEST_WOULD_BLOCK, "r2", "v1", "POST",
                "/v1/chat/completions", "127.0.0.1", bob, Mode.MONITOR, 200, "prompt.injection", null,
                List.of(), List.of(injection), Map.of(), 1000, "would block"));
        data.publish(new SecurityEvent(Instant.now(), EventType.REQUEST_BLOCKED, "r3", "v1", "POST",
                "/v1/chat/completions", "127.0.0.1", alice, Mode.ENFORCE, 403, "prompt.injection", "prompt",
                List.of("prompt.injection"), List.of(injection), Map.of(), 1000, "blocked <b>by</b> prompt"));
        data.publish(new SecurityEvent(Instant.now(), EventType.EGRESS_ALLOWED, "e1", "v1", "CONNECT",
                "huggingface.test:443", "127.0.0.1", bob, Mode.ENFORCE, 200, "egress.allowed", null, List.of(),
                List.of(), Map.of("bytes.up", 10L, "bytes.down", 20L), 1000, "egress allowed"));
        console = ConsoleServer.start("127.0.0.1", 0, TOKEN, data,
                () -> new PolicyInfo("abc123", "enforce", "demo.yaml", List.of("identity (identity, enforce)"),
                        "enforce, 2 allow rules", "demo model at http://127.0.0.1:1"));
    }

    @AfterAll
    static void stop() {
        console.close();
    }

    static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(console.uri().resolve(path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode api(String path) throws Exception {
        HttpResponse<String> r = get(path, "Authorization", "Bearer " + TOKEN);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        return JSON.readTree(r.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/index.html", "/api/events", "/api/top", "/api/rules", "/api/graph", "/api/policy",
            "/api/series", "/static/console.js", "/static/console.css", "/static/echarts.min.js", "/nope", "/logout",
            "/api/events?verdict=blocked", "/%2e%2e/api/policy"})
    void nothingButTheLoginPageAnswersWithoutTheToken(String path) throws Exception {
        for (String[] headers : List.of(new String[0], new String[]{"Authorization", "Bearer wrong-token-0123456789"},
                new String[]{"Cookie", ConsoleAuth.COOKIE + "=forged"})) {
            HttpResponse<String> r = get(path, headers);

            assertThat(r.statusCode()).as(path).isIn(303, 400, 401);
            if (r.statusCode() == 303) {
                assertThat(r.headers().firstValue("Location")).hasValue("/login");
            }
            assertThat(r.body()).doesNotContain("alice", "abc123", "echarts", "942100");
        }
    }

    @Test
    void postsOtherThanLoginNeedTheTokenToo() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(console.uri().resolve("/api/events"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
    }

    @Test
    void theLoginPageIsTheOnlyPublicPage() throws Exception {
        HttpResponse<String> r = get("/login");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("<form method=\"post\" action=\"/login\">").doesNotContain("alice");
        assertThat(r.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> v.contains("default-src 'none'"));
    }

    @Test
    void aWrongTokenOpensNoSession() throws Exception {
        HttpResponse<String> r = login("not-the-token");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(r.body()).contains("Wrong token");
    }

    @Test
    void theRightTokenOpensASessionWhoseCookieServesTheDashboardAndAssets() throws Exception {
        HttpResponse<String> r = login(TOKEN);
        assertThat(r.statusCode()).isEqualTo(303);
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("HttpOnly", "SameSite=Strict").doesNotContain(TOKEN);
        String session = cookie.substring(0, cookie.indexOf(';'));

        HttpResponse<String> page = get("/", "Cookie", session);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("abc123", "id=\"events\"", "id=\"top-cost\"", "id=\"graph\"")
                .contains("<span class=\"who\">bob</span> <span class=\"n\">500 tokens</span>")
                .contains("blocked &lt;b&gt;by&lt;/b&gt; prompt").doesNotContain("<b>by</b>");
        assertThat(get("/static/echarts.min.js", "Cookie", session).body()).contains("echarts");
        assertThat(get("/static/console.js", "Cookie", session).headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/javascript"));

        HttpResponse<String> out = HTTP.send(HttpRequest.newBuilder(console.uri().resolve("/logout")).header("Cookie", session)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(get("/api/policy", "Cookie", session).statusCode()).isEqualTo(401);
    }

    private static HttpResponse<String> login(String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(console.uri().resolve("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + java.net.URLEncoder.encode(token,
                        java.nio.charset.StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void eventsComeNewestFirstAndFilterByStageRuleIdentityAndVerdict() throws Exception {
        JsonNode all = api("/api/events");
        assertThat(all.get("events")).hasSize(4);
        assertThat(all.get("events").get(0).get("type").asText()).isEqualTo("egress_allowed");

        assertThat(requestIds(api("/api/events?stage=waf"))).containsExactly("r1");
        assertThat(requestIds(api("/api/events?rule=prompt.injection"))).containsExactly("r3", "r2");
        assertThat(requestIds(api("/api/events?identity=bob"))).containsExactly("e1", "r2");
        assertThat(requestIds(api("/api/events?verdict=would_block"))).containsExactly("r2");
        assertThat(requestIds(api("/api/events?verdict=blocked&identity=alice&rule=942100"))).containsExactly("r1");
        assertThat(requestIds(api("/api/events?limit=1"))).containsExactly("e1");
        assertThat(api("/api/events?verdict=blocked").get("events").get(0).get("findings").get(0).get("rule").asText())
                .isEqualTo("prompt.injection");
    }

    private static List<String> requestIds(JsonNode doc) {
        return doc.get("events").findValuesAsText("requestId");
    }

    @Test
    void topListsRankIdentitiesByTokensAndByBlocks() throws Exception {
        JsonNode top = api("/api/top");
        assertThat(top.get("byCost").findValuesAsText("identity")).containsExactly("bob", "alice");
        assertThat(top.get("byCost").get(0).get("tokens").asLong()).isEqualTo(500);
        assertThat(top.get("byBlocks").findValuesAsText("identity")).containsExactly("alice");
        assertThat(top.get("byBlocks").get(0).get("blocks").asLong()).isEqualTo(2);
        assertThat(top.get("byRequests").get(0).get("requests").asLong()).isEqualTo(3);
    }

    @Test
    void rulesShowEnforcedBlocksNextToMonitorModeWouldBlocks() throws Exception {
        JsonNode rules = api("/api/rules").get("rules");
        JsonNode injection = find(rules, "rule", "prompt.injection");
        assertThat(injection.get("enforced").asLong()).isEqualTo(1);
        assertThat(injection.get("wouldBlock").asLong()).isEqualTo(1);
        assertThat(injection.get("findings").asLong()).isEqualTo(2);
        assertThat(find(rules, "rule", "942100").get("enforced").asLong()).isEqualTo(1);
    }

    @Test
    void graphLinksIdentitiesToRoutesModelsAndEgressDestinations() throws Exception {
        JsonNode graph = api("/api/graph");
        assertThat(graph.get("nodes").findValuesAsText("id")).contains("identity:alice", "identity:bob",
                "route:/v1/chat/completions", "model:gpt-x", "destination:huggingface.test:443");
        JsonNode aliceRoute = null;
        for (JsonNode e : graph.get("edges")) {
            if (e.get("from").asText().equals("identity:alice") && e.get("to").asText().startsWith("route:")) {
                aliceRoute = e;
            }
        }
        assertThat(aliceRoute).isNotNull();
        assertThat(aliceRoute.get("count").asLong()).isEqualTo(3);
        assertThat(aliceRoute.get("blocked").asLong()).isEqualTo(2);
        assertThat(graph.get("edges").toString()).contains("\"from\":\"identity:bob\",\"to\":\"destination:huggingface.test:443\"");
    }

    @Test
    void policyNamesTheActiveVersion() throws Exception {
        JsonNode p = api("/api/policy");
        assertThat(p.get("version").asText()).isEqualTo("abc123");
        assertThat(p.get("stages").get(0).asText()).isEqualTo("identity (identity, enforce)");
        assertThat(p.get("egress").asText()).isEqualTo("enforce, 2 allow rules");
    }

    @Test
    void seriesCountsRequestsBlocksAndTokensInTheCurrentBucket() throws Exception {
        JsonNode s = api("/api/series");
        JsonNode points = s.get("points");
        assertThat(points).hasSize(60);
        long requests = 0;
        long blocks = 0;
        long tokens = 0;
        for (JsonNode p : points) {
            requests += p.get("requests").asLong();
            blocks += p.get("blocks").asLong();
            tokens += p.get("tokens").asLong();
        }
        assertThat(List.of(requests, blocks, tokens)).containsExactly(4L, 2L, 530L);
    }

    @Test
    void theConsoleRefusesToListenOnANonLoopbackAddress() {
        assertThatThrownBy(() -> ConsoleServer.start("0.0.0.0", 0, TOKEN, new ConsoleData(10, Clock.systemUTC()),
                () -> null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loopback");
    }

    private static JsonNode find(JsonNode array, String key, String value) {
        for (JsonNode n : array) {
            if (n.get(key).asText().equals(value)) {
                return n;
            }
        }
        throw new AssertionError(value + " not in " + array);
    }
}
