package dev.aiguard.cli.internal.egress;

import dev.aiguard.api.EventType;
import dev.aiguard.api.Policy;
import dev.aiguard.api.PolicyLoader;
import dev.aiguard.api.SecurityEvent;
import dev.aiguard.egress.Resolver;
import dev.aiguard.egress.WorkloadEgressPolicies;
import dev.aiguard.identity.ApiKeyDigests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The egress proxy end to end on loopback. Tests cannot reach the internet, so "public" is modelled honestly with
 * the policy: {@code 127.0.0.2} is opened by an address rule (as a real deployment opens a vetted public block) while
 * {@code 127.0.0.1} stays what it is, loopback, denied by default. Since an address rule admits every name that
 * resolves into it, names on the "public" address are told apart with deny rules. Names resolve through a resolver
 * the test controls.
 */
class EgressProxyTest {

    static final String ALICE_KEY = "agk_test_alice_0123456789abcdef";
    static final String TRAIN_KEY = "agk_test_train_fedcba9876543210";

    static final String POLICY = """
            apiVersion: aiguard.dev/v1
            stages:
              - type: identity
                apiKeys:
                  owners:
                    - subject: svc-alice
                      keys: [{id: alice-1, digest: "%s"}]
                    - subject: training-job
                      keys: [{id: train-1, digest: "%s"}]
            egress:
              mode: enforce
              allow:
                - host: allowed.test
                - host: rebind.test
                - host: secure.test
                - host: internal.test
                - host: models.test
                - cidr: 127.0.0.2/32
              deny:
                - host: blocked.test
              workloads:
                svc-alice:
                  deny:
                    - host: models.test
            """;

    @TempDir
    static Path tmp;

    static LocalServers.Running publicHttp;
    static LocalServers.Running loopbackHttp;
    static LocalServers.Running publicHttps;
    static KeyStore certificate;

    final Map<String, List<InetAddress>> dns = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> lookups = new ConcurrentHashMap<>();
    final RecordingSink sink = new RecordingSink();
    EgressProxyServer proxy;

    @BeforeAll
    static void servers() throws Exception {
        publicHttp = LocalServers.http("127.0.0.2", 0, "public");
        // Same port on 127.0.0.1: where a proxy that looked the name up again would land after the rebinding.
        loopbackHttp = LocalServers.http("127.0.0.1", publicHttp.port(), "internal secret");
        certificate = LocalServers.selfSigned(tmp, "secure.test");
        publicHttps = LocalServers.https("127.0.0.2", certificate, "tls hello");
    }

    @AfterAll
    static void stopServers() {
        publicHttp.close();
        loopbackHttp.close();
        publicHttps.close();
    }

    @BeforeEach
    void startProxy() throws Exception {
        InetAddress publicIp = InetAddress.getByName("127.0.0.2");
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        dns.put("allowed.test", List.of(publicIp));
        dns.put("blocked.test", List.of(publicIp));
        dns.put("other.test", List.of(publicIp));
        dns.put("models.test", List.of(publicIp));
        dns.put("secure.test", List.of(publicIp));
        dns.put("internal.test", List.of(loopback));
        Policy policy = PolicyLoader.create().load("proxy.yaml",
                POLICY.formatted(ApiKeyDigests.sha256(ALICE_KEY), ApiKeyDigests.sha256(TRAIN_KEY)));
        WorkloadEgressPolicies egress = WorkloadEgressPolicies.fromPolicy(policy).orElseThrow();
        Resolver resolver = host -> {
            lookups.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet();
            if (host.equals("rebind.test")) {
                // Public on the first answer, loopback on every later one: the classic rebinding attack.
                return lookups.get(host).get() == 1 ? List.of(publicIp) : List.of(loopback);
            }
            List<InetAddress> a = dns.get(host);
            if (a == null) {
                throw new UnknownHostException(host);
            }
            return a;
        };
        proxy = EgressProxyServer.start("127.0.0.1", 0, IdentityProxyAuthenticator.fromPolicy(policy).orElseThrow(),
                new WorkloadGuards(egress, resolver, Duration.ZERO), sink, policy.version());
    }

    @org.junit.jupiter.api.AfterEach
    void stopProxy() {
        proxy.close();
    }

    private HttpClient client(SSLContext tls) {
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", proxy.port())));
        if (tls != null) {
            b.sslContext(tls);
        }
        return b.build();
    }

    private HttpResponse<String> get(String url, String proxyAuthorization) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (proxyAuthorization != null) {
            r.header("Proxy-Authorization", proxyAuthorization);
        }
        return client(null).send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String bearer(String key) {
        return "Bearer " + key;
    }

    @Test
    void allowedHttpDestinationIsReachedAtItsCheckedAddressWithItsOwnHostHeader() throws Exception {
        int before = publicHttp.hits().get();

        HttpResponse<String> r = get("http://allowed.test:" + publicHttp.port() + "/data?x=1", bearer(ALICE_KEY));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("public");
        assertThat(publicHttp.hits().get()).isEqualTo(before + 1);
        assertThat(publicHttp.hosts()).contains("allowed.test:" + publicHttp.port());
        SecurityEvent e = sink.await(ev -> ev.type() == EventType.EGRESS_ALLOWED && ev.path().startsWith("allowed.test"));
        assertThat(e.principal().subject()).isEqualTo("svc-alice");
        assertThat(e.method()).isEqualTo("GET");
        assertThat(e.httpStatus()).isEqualTo(200);
        assertThat(e.cost().get("bytes.down")).isEqualTo("public".length());
        assertThat(e.message()).contains("resolved [127.0.0.2]", "pinned 127.0.0.2");
    }

    @Test
    void deniedHttpDestinationIsRefusedWithAnEventNamingTheRule() throws Exception {
        HttpResponse<String> r = get("http://blocked.test:" + publicHttp.port() + "/", bearer(ALICE_KEY));

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("denied_by_rule");
        SecurityEvent e = sink.await(ev -> ev.type() == EventType.EGRESS_DENIED);
        assertThat(e.reason()).isEqualTo("egress.denied_by_rule");
        assertThat(e.path()).isEqualTo("blocked.test:" + publicHttp.port());
        assertThat(e.principal().subject()).isEqualTo("svc-alice");
        assertThat(e.findings()).singleElement().satisfies(f -> assertThat(f.target()).isEqualTo("dns:blocked.test"));
    }

    @Test
    void aNameThatResolvesToLoopbackIsRefusedAndTheInternalServerNeverSeesTheRequest() throws Exception {
        int before = loopbackHttp.hits().get();

        HttpResponse<String> r = get("http://internal.test:" + publicHttp.port() + "/", bearer(ALICE_KEY));

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(loopbackHttp.hits().get()).isEqualTo(before);
        assertThat(sink.await(ev -> ev.type() == EventType.EGRESS_DENIED).reason()).isEqualTo("egress.loopback");
    }

    @Test
    void dnsRebindingThroughTheProxyIsStopped() throws Exception {
        int publicBefore = publicHttp.hits().get();
        int loopbackBefore = loopbackHttp.hits().get();
        String url = "http://rebind.test:" + publicHttp.port() + "/";

        HttpResponse<String> first = get(url, bearer(ALICE_KEY));
        HttpResponse<String> second = get(url, bearer(ALICE_KEY));

        // First connection: checked once, connected to exactly the checked (public) address, no second lookup that
        // could have answered loopback.
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("public");
        // Second connection: the name now answers loopback, and that is refused.
        assertThat(second.statusCode()).isEqualTo(403);
        assertThat(lookups.get("rebind.test").get()).isEqualTo(2);
        assertThat(publicHttp.hits().get()).isEqualTo(publicBefore + 1);
        assertThat(loopbackHttp.hits().get()).isEqualTo(loopbackBefore);
        assertThat(sink.await(ev -> ev.type() == EventType.EGRESS_DENIED).reason()).isEqualTo("egress.loopback");
    }

    @Test
    void connectTunnelIsPinnedToTheCheckedAddressToo() throws Exception {
        int before = publicHttp.hits().get();
        // Raw CONNECT, then plain HTTP inside the tunnel: the tunnel must end at 127.0.0.2 after one lookup.
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", proxy.port())) {
            s.setSoTimeout(10_000);
            var out = s.getOutputStream();
            out.write(("CONNECT rebind.test:" + publicHttp.port() + " HTTP/1.1\r\nHost: rebind.test:" + publicHttp.port()
                    + "\r\nProxy-Authorization: " + bearer(ALICE_KEY) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = readHead(s.getInputStream());
            assertThat(status).startsWith("HTTP/1.1 200");
            out.write(("GET / HTTP/1.1\r\nHost: rebind.test\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 200").endsWith("public");
        }
        assertThat(lookups.get("rebind.test").get()).isEqualTo(1);
        assertThat(publicHttp.hits().get()).isEqualTo(before + 1);
        SecurityEvent e = sink.await(ev -> ev.type() == EventType.EGRESS_ALLOWED && "CONNECT".equals(ev.method()));
        assertThat(e.cost().get("bytes.up")).isPositive();
        assertThat(e.cost().get("bytes.down")).isGreaterThan("public".length());
    }

    private static String readHead(java.io.InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        while (!b.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            b.append((char) c);
        }
        return b.toString();
    }

    @Test
    void httpsThroughConnectReachesAnAllowedTlsServerWithItsCertificateVerified() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://secure.test:" + publicHttps.port() + "/"))
                .timeout(Duration.ofSeconds(10)).build();
        // The JDK client puts no request headers on CONNECT (and refuses Basic for tunnels by default), so HTTPS via
        // java.net.http runs against a proxy without authentication; authenticated CONNECT is covered with a raw socket.
        try (EgressProxyServer open = anonymousProxy()) {
            HttpClient viaOpen = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .sslContext(LocalServers.trusting(certificate))
                    .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", open.port()))).build();
            HttpResponse<String> r = viaOpen.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("tls hello");
        }
        SecurityEvent e = sink.await(ev -> ev.type() == EventType.EGRESS_ALLOWED && "CONNECT".equals(ev.method()));
        assertThat(e.path()).isEqualTo("secure.test:" + publicHttps.port());
        assertThat(e.message()).contains("pinned 127.0.0.2");
    }

    @Test
    void httpsThroughConnectToADeniedNameIsRefused() throws Exception {
        try (EgressProxyServer open = anonymousProxy()) {
            HttpClient viaOpen = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .sslContext(LocalServers.trusting(certificate))
                    .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", open.port()))).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create("https://blocked.test:" + publicHttps.port() + "/"))
                    .timeout(Duration.ofSeconds(10)).build();
            assertThatThrownBy(() -> viaOpen.send(request, HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(IOException.class);
        }
        SecurityEvent e = sink.await(ev -> ev.type() == EventType.EGRESS_DENIED && ev.path().startsWith("blocked.test"));
        assertThat(e.reason()).isEqualTo("egress.denied_by_rule");
        assertThat(e.method()).isEqualTo("CONNECT");
    }

    /** The same egress policy, no proxy authentication (the JDK client cannot add headers to CONNECT). */
    private EgressProxyServer anonymousProxy() throws Exception {
        Policy policy = PolicyLoader.create().load("proxy.yaml",
                POLICY.formatted(ApiKeyDigests.sha256(ALICE_KEY), ApiKeyDigests.sha256(TRAIN_KEY)));
        Resolver resolver = host -> {
            List<InetAddress> a = dns.get(host);
            if (a == null) {
                throw new UnknownHostException(host);
            }
            return a;
        };
        return EgressProxyServer.start("127.0.0.1", 0, ProxyAuthenticator.anonymous(),
                new WorkloadGuards(WorkloadEgressPolicies.fromPolicy(policy).orElseThrow(), resolver, Duration.ZERO),
                sink, policy.version());
    }

    @Test
    void missingOrWrongProxyCredentialsAreAnswered407WithAChallenge() throws Exception {
        HttpResponse<String> none = get("http://allowed.test:" + publicHttp.port() + "/", null);
        HttpResponse<String> wrong = get("http://allowed.test:" + publicHttp.port() + "/", bearer("agk_wrong_key_000000000000"));

        assertThat(none.statusCode()).isEqualTo(407);
        assertThat(none.headers().allValues("Proxy-Authenticate")).anyMatch(v -> v.startsWith("Basic"));
        assertThat(wrong.statusCode()).isEqualTo(407);
        assertThat(sink.await(ev -> "egress.unauthenticated".equals(ev.reason())).principal()).isNull();
    }

    @Test
    void proxyCredentialsMapToIdentitiesAndTheirWorkloadRules() throws Exception {
        String url = "http://models.test:" + publicHttp.port() + "/weights.bin";
        String basicTrain = "Basic " + Base64.getEncoder().encodeToString(
                ("whoever:" + TRAIN_KEY).getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> asAlice = get(url, bearer(ALICE_KEY));
        HttpResponse<String> asTrainingJob = get(url, basicTrain);

        // svc-alice's workload rules deny models.test; training-job has no rules of its own and gets the base policy.
        assertThat(asAlice.statusCode()).isEqualTo(403);
        assertThat(asTrainingJob.statusCode()).isEqualTo(200);
        List<String> subjects = new ArrayList<>();
        sink.await(ev -> ev.type() == EventType.EGRESS_ALLOWED && ev.path().startsWith("models.test"));
        sink.events.stream().filter(ev -> ev.path() != null && ev.path().startsWith("models.test"))
                .forEach(ev -> subjects.add(ev.principal().subject() + ":" + ev.type()));
        assertThat(subjects).containsExactlyInAnyOrder("svc-alice:EGRESS_DENIED", "training-job:EGRESS_ALLOWED");
    }

    @Test
    void httpsUrlsInAbsoluteFormAreRefusedSinceTlsGoesThroughConnect() throws Exception {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", proxy.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET https://allowed.test/ HTTP/1.1\r\nHost: allowed.test\r\nProxy-Authorization: "
                    + bearer(ALICE_KEY) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(readHead(s.getInputStream())).startsWith("HTTP/1.1 400");
        }
    }
}
