package dev.aiguard.identity;

import dev.aiguard.api.Stage;
import dev.aiguard.api.Verdict;
import dev.aiguard.identity.internal.jwt.RemoteJwks;
import dev.aiguard.identity.internal.jwt.TrustStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** JWKS over real HTTPS: caching, rotation on unknown kid, rate limiting, refresh, backoff, trust configuration. */
class JwksRotationTest {

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @TempDir
    static Path dir;
    static JwksServer server;
    static KeyPair first;
    static KeyPair second;
    MutableClock clock;

    @BeforeAll
    static void startServer() throws Exception {
        server = JwksServer.start(dir);
        first = TestKeys.freshPair("RS256");
        second = TestKeys.freshPair("ES256");
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void serveFirstKey() {
        server.serve(Map.of("k1", first.getPublic()));
        clock = new MutableClock(NOW);
    }

    Stage stage(String trust) throws Exception {
        return Policies.stage("""
                jwt:
                  issuers: [https://idp.test]
                  jwksUrl:
                    url: %s
                    %s
                    refreshInterval: 10m
                    minRefetchInterval: 30s
                    maxBackoff: 5m
                    timeout: 5s
                """.formatted(server.url(), trust), dir, clock);
    }

    Stage trustedStage() throws Exception {
        return stage("trustStore: " + server.trustStore() + "\n    trustStorePassword: " + JwksServer.TRUST_PASSWORD);
    }

    Verdict run(Stage stage, KeyPair pair, String alg, String kid) {
        return Policies.run(stage, Policies.bearer(Tokens.signed(pair.getPrivate(), alg, kid, clock.instant(), b -> b)));
    }

    @Test
    void tokensVerifyAgainstKeysFetchedOnce() throws Exception {
        int before = server.requests();
        Stage stage = trustedStage();

        assertThat(run(stage, first, "RS256", "k1").reason()).isEqualTo("allowed");
        assertThat(run(stage, first, "RS256", "k1").reason()).isEqualTo("allowed");
        assertThat(server.requests() - before).isEqualTo(1);
    }

    @Test
    void rotatedKeyIsFetchedWhenATokenNamesIt() throws Exception {
        Stage stage = trustedStage();
        int before = server.requests();
        server.serve(Map.of("k1", first.getPublic(), "k2", second.getPublic()));
        clock.advance(Duration.ofSeconds(31));

        assertThat(run(stage, second, "ES256", "k2").allowed()).isTrue();
        assertThat(server.requests() - before).isEqualTo(1);
        assertThat(run(stage, first, "RS256", "k1").allowed()).isTrue();
    }

    @Test
    void unknownKidRefetchesAtMostOncePerInterval() throws Exception {
        Stage stage = trustedStage();
        int before = server.requests();
        clock.advance(Duration.ofSeconds(31));

        for (int i = 0; i < 5; i++) {
            assertThat(run(stage, second, "ES256", "made-up-" + i).reason()).isEqualTo("identity.token_unknown_key");
        }

        assertThat(server.requests() - before).isEqualTo(1);
        clock.advance(Duration.ofSeconds(31));
        run(stage, second, "ES256", "made-up-again");
        assertThat(server.requests() - before).isEqualTo(2);
    }

    @Test
    void concurrentRequestsForANewKidShareOneFetch() throws Exception {
        Stage stage = trustedStage();
        int before = server.requests();
        server.serve(Map.of("k1", first.getPublic(), "k2", second.getPublic()));
        clock.advance(Duration.ofSeconds(31));
        String token = Tokens.signed(second.getPrivate(), "ES256", "k2", clock.instant(), b -> b);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            java.util.List<java.util.concurrent.Future<Verdict>> verdicts = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                verdicts.add(pool.submit(() -> Policies.run(stage, Policies.bearer(token))));
            }
            for (java.util.concurrent.Future<Verdict> verdict : verdicts) {
                assertThat(verdict.get().reason()).isEqualTo("allowed");
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(server.requests() - before).isEqualTo(1);
        assertThat(Policies.run(stage, Policies.bearer(token)).allowed()).isTrue();
    }

    @Test
    void removedKeyStopsVerifyingAfterRotation() throws Exception {
        Stage stage = trustedStage();
        server.serve(Map.of("k2", second.getPublic()));
        clock.advance(Duration.ofSeconds(31));
        assertThat(run(stage, second, "ES256", "k2").allowed()).isTrue();

        // A new token signed with the retired key (not cached) no longer verifies.
        clock.advance(Duration.ofSeconds(1));
        assertThat(run(stage, first, "RS256", "k1").reason()).isEqualTo("identity.token_unknown_key");
    }

    @Test
    void keysAreRefreshedInTheBackgroundAfterTheInterval() throws Exception {
        RemoteJwks jwks = remote();
        Instant firstFetch = jwks.fetchedAt();
        server.serve(Map.of("k3", second.getPublic()));
        clock.advance(Duration.ofMinutes(11));

        jwks.all();

        awaitUntil(() -> !firstFetch.equals(jwks.fetchedAt()));
        assertThat(jwks.byKid("k3")).hasSize(1);
        assertThat(jwks.byKid("k1")).isEmpty();
    }

    @Test
    void failedFetchesBackOffExponentiallyAndKeepTheLastGoodKeys() throws Exception {
        RemoteJwks jwks = remote();
        int before = server.requests();
        server.fail(500);

        clock.advance(Duration.ofSeconds(31));
        assertThat(jwks.byKid("unknown")).isEmpty();
        assertThat(jwks.failures()).isEqualTo(1);
        // Next try only after 30s * 2 = 60s.
        clock.advance(Duration.ofSeconds(45));
        jwks.byKid("unknown");
        assertThat(server.requests() - before).isEqualTo(1);
        clock.advance(Duration.ofSeconds(16));
        jwks.byKid("unknown");
        assertThat(server.requests() - before).isEqualTo(2);
        assertThat(jwks.failures()).isEqualTo(2);
        // The last good keys still verify.
        assertThat(jwks.byKid("k1")).hasSize(1);
        // Recovery resets the backoff.
        server.serve(Map.of("k1", first.getPublic()));
        clock.advance(Duration.ofMinutes(2));
        jwks.byKid("unknown");
        assertThat(jwks.failures()).isZero();
    }

    @Test
    void backoffIsCappedAtMaxBackoff() throws Exception {
        RemoteJwks jwks = remote();
        server.fail(503);
        for (int i = 0; i < 6; i++) {
            clock.advance(Duration.ofMinutes(5));
            jwks.byKid("unknown");
        }
        assertThat(jwks.failures()).isEqualTo(6);
        int before = server.requests();

        clock.advance(Duration.ofMinutes(5));
        jwks.byKid("unknown");

        assertThat(server.requests() - before).isEqualTo(1);
    }

    @Test
    void oversizedOrInvalidDocumentsAreFailures() throws Exception {
        RemoteJwks jwks = remote();
        server.serve(Map.of());
        clock.advance(Duration.ofSeconds(31));

        jwks.byKid("unknown");

        assertThat(jwks.failures()).isEqualTo(1);
        assertThat(jwks.byKid("k1")).hasSize(1);
    }

    @Test
    void serverNotInTheTrustStoreIsNotTrusted() throws Exception {
        int before = server.requests();
        Stage stage = stage("");

        Verdict verdict = run(stage, first, "RS256", "k1");

        assertThat(verdict.reason()).isEqualTo("identity.token_unknown_key");
        assertThat(server.requests()).isEqualTo(before);
    }

    @Test
    void pemTrustFileWorksToo() throws Exception {
        Stage stage = stage("trustStore: " + server.trustPem());

        assertThat(run(stage, first, "RS256", "k1").allowed()).isTrue();
    }

    private RemoteJwks remote() throws Exception {
        IdentityConfig.JwksUrl config = new IdentityConfig.JwksUrl(server.url(), null, null, null,
                Duration.ofMinutes(10), Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofSeconds(5));
        RemoteJwks jwks = RemoteJwks.start(config,
                TrustStores.sslContext(server.trustStore(), JwksServer.TRUST_PASSWORD, "PKCS12"), clock);
        assertThat(jwks.byKid("k1")).hasSize(1);
        return jwks;
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).as("condition within 10 s").isTrue();
    }
}
