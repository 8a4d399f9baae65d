package dev.aiguard.identity;

import dev.aiguard.api.Guard;
import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.Principal;
import dev.aiguard.identity.internal.apikey.ApiKeyStore;
import dev.aiguard.identity.internal.apikey.KeyFile;
import dev.aiguard.identity.internal.jwt.JwtVerifier;
import dev.aiguard.identity.internal.jwt.StaticKeys;
import dev.aiguard.identity.internal.jwt.VerificationKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prints rough per-call costs (not a benchmark: no forking, short runs, a shared machine). It asserts only that
 * every call returned the right principal, never anything about time. JMH numbers belong to the benchmarks module.
 * Runs only with {@code -Daiguard.timing=true}, to keep the normal build fast.
 */
@EnabledIfSystemProperty(named = "aiguard.timing", matches = "true")
class VerificationTimingTest {

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    static JwtVerifier verifier(String alg, int cacheEntries) {
        IdentityConfig.Jwt config = Policies.parse("jwt: {issuers: [https://idp.test], keys: [{kid: x, secret: x}]}").jwt();
        List<VerificationKey> keys = List.of(new VerificationKey("k", TestKeys.pair(alg).getPublic(), null, "test"));
        return new JwtVerifier(config, List.of(new StaticKeys(keys)),
                new IdentityConfig.Cache(cacheEntries, Duration.ofMinutes(5)), new MutableClock(NOW));
    }

    static double nanosPerCall(int warmup, int iterations, Supplier<Principal> call) {
        for (int i = 0; i < warmup; i++) {
            assertThat(call.get().subject()).isEqualTo("alice");
        }
        long start = System.nanoTime();
        int ok = 0;
        for (int i = 0; i < iterations; i++) {
            ok += call.get().subject().equals("alice") ? 1 : 0;
        }
        double perCall = (System.nanoTime() - start) / (double) iterations;
        assertThat(ok).isEqualTo(iterations);
        return perCall;
    }

    @Test
    void printsVerificationCosts() {
        String rs = Tokens.signed("RS256", "k", NOW, b -> b.claim("tier", "pro"));
        String es = Tokens.signed("ES256", "k", NOW, b -> b.claim("tier", "pro"));
        JwtVerifier cachedRs = verifier("RS256", 10_000);
        JwtVerifier uncachedRs = verifier("RS256", 0);
        JwtVerifier uncachedEs = verifier("ES256", 0);

        double cached = nanosPerCall(200_000, 500_000, () -> cachedRs.verify(rs));
        double rs256 = nanosPerCall(500, 1_000, () -> uncachedRs.verify(rs));
        double es256 = nanosPerCall(200, 300, () -> uncachedEs.verify(es));

        System.out.printf("timing: JWT cached verify %.0f ns, uncached RS256 %.1f us, uncached ES256 %.1f us (token %d chars)%n",
                cached, rs256 / 1000, es256 / 1000, rs.length());
    }

    @Test
    void printsApiKeyCosts() {
        List<IdentityConfig.KeyOwner> owners = new ArrayList<>();
        String key = null;
        for (int i = 0; i < 100; i++) {
            String k = ApiKeyDigests.newKey();
            key = i == 99 ? k : key;
            owners.add(new IdentityConfig.KeyOwner(i == 99 ? "alice" : "o" + i, null, null, null, null,
                    List.of(new IdentityConfig.ApiKey("id" + i, ApiKeyDigests.sha256(k)))));
        }
        IdentityConfig.ApiKeys config = new IdentityConfig.ApiKeys(null, null, null, null, owners, null);
        ApiKeyStore cached = ApiKeyStore.build(config, KeyFile.empty(), new IdentityConfig.Cache(null, null), new MutableClock(NOW));
        ApiKeyStore uncached = ApiKeyStore.build(config, KeyFile.empty(), new IdentityConfig.Cache(0, null), new MutableClock(NOW));
        String presented = key;

        double hit = nanosPerCall(200_000, 500_000, () -> cached.authenticate(presented));
        double scan = nanosPerCall(500, 1_000, () -> uncached.authenticate(presented));

        System.out.printf("timing: API key cached %.0f ns, uncached scan of 100 salted digests %.1f us%n", hit, scan / 1000);
    }

    @Test
    void printsWholeStageCostThroughTheGuard() throws Exception {
        String token = Tokens.signed("HS256", "h", NOW, b -> b.claim("tier", "pro"));
        Guard guard = Policies.guard(Policies.stage("""
                jwt:
                  issuers: [https://idp.test]
                  keys: [{kid: h, secretBase64: "%s"}]
                access:
                  - {tiers: [pro], routes: ["/v1/**"], models: ["gpt-*"]}
                """.formatted(TestKeys.hmacSecretBase64("HS256")), null, new MutableClock(NOW)));
        GuardRequest request = Policies.chat("gpt-4o", "Authorization", "Bearer " + token);

        double perCall = nanosPerCall(50_000, 100_000, () -> {
            var verdict = guard.inspect(request);
            return verdict.allowed() ? verdict.exchange().principal() : Principal.anonymous();
        });

        System.out.printf("timing: Guard.inspect with a cached JWT and a model rule %.0f ns%n", perCall);
    }
}
