package dev.aiguard.egress;

import dev.aiguard.api.EventType;
import dev.aiguard.api.SecurityEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Redirect chains, pinning and TLS on real local servers. Loopback is denied by default, so tests open it by port. */
class GuardedHttpClientTest {

    private LocalServer a;
    private LocalServer b;
    private LocalServer c;
    private final List<SecurityEvent> events = new CopyOnWriteArrayList<>();
    private final FakeDns dns = new FakeDns();

    @BeforeEach
    void start() throws IOException {
        a = LocalServer.http();
        b = LocalServer.http();
        c = LocalServer.http();
    }

    @AfterEach
    void stop() {
        a.close();
        b.close();
        c.close();
    }

    private GuardedHttpClient client(EgressPolicy policy) {
        return GuardedHttpClient.builder(EgressGuard.builder(policy).resolver(dns).eventSink(events::add)
                        .cacheTtl(Duration.ZERO).build())
                .configure(builder -> builder.connectTimeout(Duration.ofSeconds(5)))
                .build();
    }

    /** Loopback opened for servers a and b only (not c). */
    private EgressPolicy allowAB() {
        return EgressPolicy.builder().enforce()
                .allow(EgressRule.cidr("127.0.0.1/32").ports(a.port(), b.port()))
                .allow(EgressRule.host("*.test"))
                .build();
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build();
    }

    @Test
    void followsARedirectChainAcrossServersCheckingEveryHop() throws Exception {
        a.redirect("/start", 302, b.url("/middle")).text("/end", "done");
        b.redirect("/middle", 307, a.url("/end"));

        HttpResponse<String> response = client(allowAB()).send(get(a.url("/start")), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("done");
        assertThat(response.uri()).isEqualTo(URI.create(a.url("/end")));
        assertThat(response.previousResponse()).get().extracting(HttpResponse::statusCode).isEqualTo(307);
        assertThat(response.previousResponse().get().previousResponse()).get()
                .extracting(HttpResponse::statusCode).isEqualTo(302);
        assertThat(a.seen()).extracting(LocalServer.Seen::uri).containsExactly("/start", "/end");
        assertThat(b.seen()).extracting(LocalServer.Seen::uri).containsExactly("/middle");
    }

    @Test
    void aRedirectToCloudMetadataIsDeniedBeforeAnyConnection() {
        a.redirect("/img", 301, "http://169.254.169.254/latest/meta-data/iam/security-credentials/");

        assertThatThrownBy(() -> client(allowAB()).send(get(a.url("/img")), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(EgressDeniedException.class)
                .satisfies(e -> assertThat(((EgressDeniedException) e).decision().reason())
                        .isEqualTo(EgressReason.CLOUD_METADATA));
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventType.EGRESS_DENIED);
            assertThat(e.findings().get(0).target()).contains(GuardedHttpClientTest.class.getName());
        });
    }

    @Test
    void aRedirectToAnInternalServerThePolicyDoesNotOpenNeverReachesIt() {
        a.redirect("/go", 302, c.url("/admin"));
        c.text("/admin", "secret");

        assertThatThrownBy(() -> client(allowAB()).send(get(a.url("/go")), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(EgressDeniedException.class)
                .satisfies(e -> assertThat(((EgressDeniedException) e).decision().reason())
                        .isEqualTo(EgressReason.LOOPBACK));
        assertThat(a.seen()).hasSize(1);
        assertThat(c.seen()).isEmpty();
    }

    @Test
    void aRedirectToANameResolvingPrivateIsDenied() {
        dns.answer("internal.test", "10.1.2.3");
        a.redirect("/go", 302, "http://internal.test/");

        assertThatThrownBy(() -> client(allowAB()).send(get(a.url("/go")), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(EgressDeniedException.class)
                .satisfies(e -> assertThat(((EgressDeniedException) e).decision().reason())
                        .isEqualTo(EgressReason.PRIVATE));
    }

    @Test
    void aDeniedFirstUrlThrowsWithoutConnecting() {
        c.text("/", "never");
        assertThatThrownBy(() -> client(allowAB()).send(get(c.url("/")), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(EgressDeniedException.class);
        assertThat(c.seen()).isEmpty();
    }

    @Test
    void redirectLoopsStopAtTheLimit() {
        a.redirect("/loop", 302, "/loop");
        assertThatThrownBy(() -> client(allowAB()).send(get(a.url("/loop")), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class).hasMessageContaining("too many redirects");
        assertThat(a.seen()).hasSize(6);
    }

    @Test
    void withRedirectsOffTheRedirectIsReturned() throws Exception {
        a.redirect("/r", 302, b.url("/x"));
        GuardedHttpClient noFollow = GuardedHttpClient.builder(EgressGuard.builder(allowAB()).resolver(dns).build())
                .maxRedirects(0).build();
        HttpResponse<String> response = noFollow.send(get(a.url("/r")), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(b.seen()).isEmpty();
    }

    @Test
    void seeOtherTurnsPostIntoGetAndTemporaryRedirectKeepsTheBody() throws Exception {
        a.redirect("/form", 303, "/result").text("/result", "ok");
        a.redirect("/upload", 307, "/store").text("/store", "stored");
        GuardedHttpClient client = client(allowAB());
        HttpRequest post = HttpRequest.newBuilder(URI.create(a.url("/form")))
                .POST(HttpRequest.BodyPublishers.ofString("q=1")).header("Content-Type", "text/plain").build();
        client.send(post, HttpResponse.BodyHandlers.ofString());
        HttpRequest upload = HttpRequest.newBuilder(URI.create(a.url("/upload")))
                .POST(HttpRequest.BodyPublishers.ofString("payload")).build();
        client.send(upload, HttpResponse.BodyHandlers.ofString());

        assertThat(a.seen()).extracting(s -> s.method() + " " + s.uri() + " " + s.body())
                .containsExactly("POST /form q=1", "GET /result ", "POST /upload payload", "POST /store payload");
    }

    @Test
    void credentialsAreDroppedWhenARedirectChangesOrigin() throws Exception {
        a.redirect("/same", 302, "/here").text("/here", "a");
        a.redirect("/away", 302, b.url("/there"));
        b.text("/there", "b");
        GuardedHttpClient client = client(allowAB());
        client.send(HttpRequest.newBuilder(URI.create(a.url("/same"))).header("Authorization", "Bearer t").build(),
                HttpResponse.BodyHandlers.ofString());
        client.send(HttpRequest.newBuilder(URI.create(a.url("/away"))).header("Authorization", "Bearer t").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(a.seen()).extracting(LocalServer.Seen::authorization).containsOnly("Bearer t");
        assertThat(b.seen()).extracting(LocalServer.Seen::authorization).containsExactly((String) null);
    }

    @Test
    void connectionsArePinnedToTheCheckedAddressSoRebindingCannotSwapThem() throws Exception {
        dns.answer("rebind.test", List.of("127.0.0.1"), List.of("169.254.169.254"));
        a.text("/data", "pinned");
        GuardedHttpClient client = client(allowAB());
        String url = "http://rebind.test:" + a.port() + "/data?x=%41&y=a%20b";

        HttpResponse<String> first = client.send(get(url), HttpResponse.BodyHandlers.ofString());

        // rebind.test exists only in the fake resolver: had the JDK looked it up itself, the call would have failed.
        assertThat(first.body()).isEqualTo("pinned");
        assertThat(first.uri()).isEqualTo(URI.create(url));
        assertThat(dns.lookups()).isEqualTo(1);
        assertThat(a.seen()).singleElement().satisfies(s -> {
            assertThat(s.host()).isEqualTo("rebind.test:" + a.port());
            assertThat(s.uri()).isEqualTo("/data?x=%41&y=a%20b");
        });
        assertThatThrownBy(() -> client.send(get(url), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(EgressDeniedException.class);
        assertThat(a.seen()).hasSize(1);
    }

    @Test
    void monitorModeLetsADeniedCallThroughAndReportsIt() throws Exception {
        c.text("/", "monitored");
        EgressPolicy monitor = EgressPolicy.builder().monitor().build();
        HttpResponse<String> r = client(monitor).send(get(c.url("/")), HttpResponse.BodyHandlers.ofString());
        assertThat(r.body()).isEqualTo("monitored");
        assertThat(events).singleElement().extracting(SecurityEvent::type).isEqualTo(EventType.EGRESS_WOULD_DENY);
    }

    @Test
    void httpsIsPinnedWithTheHostNameAsSniAndVerifiedAgainstTheCertificate() throws Exception {
        try (LocalServer tls = LocalServer.https()) {
            tls.text("/v1/models", "models");
            dns.answer("api.example.test", "127.0.0.1");
            GuardedHttpClient client = GuardedHttpClient.builder(EgressGuard.builder(EgressPolicy.builder().enforce()
                            .allow(EgressRule.host("api.example.test"), EgressRule.cidr("127.0.0.1").ports(tls.port()))
                            .build()).resolver(dns).build())
                    .sslContext(LocalServer.clientContext()).build();

            HttpResponse<String> r = client.send(get("https://api.example.test:" + tls.port() + "/v1/models"),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(r.body()).isEqualTo("models");
            assertThat(tls.sniNames()).containsOnly("api.example.test");
            assertThat(tls.seen()).singleElement().extracting(LocalServer.Seen::host)
                    .isEqualTo("api.example.test:" + tls.port());
            assertThat(r.sslSession()).isPresent();
        }
    }

    @Test
    void httpsToANameTheCertificateDoesNotCoverFailsTheHandshake() throws Exception {
        try (LocalServer tls = LocalServer.https()) {
            tls.text("/", "should not be served");
            dns.answer("other.example.test", "127.0.0.1");
            GuardedHttpClient client = GuardedHttpClient.builder(EgressGuard.builder(EgressPolicy.builder().enforce()
                            .allow(EgressRule.host("other.example.test"), EgressRule.cidr("127.0.0.1")).build())
                            .resolver(dns).build())
                    .sslContext(LocalServer.clientContext()).build();

            assertThatThrownBy(() -> client.send(get("https://other.example.test:" + tls.port() + "/"),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class)
                    .isNotInstanceOf(EgressDeniedException.class);
            assertThat(tls.seen()).isEmpty();
        }
    }
}
