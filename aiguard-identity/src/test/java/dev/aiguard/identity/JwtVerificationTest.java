package dev.aiguard.identity;

import dev.aiguard.api.Principal;
import dev.aiguard.api.Stage;
import dev.aiguard.api.Verdict;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;

class JwtVerificationTest {

    static final List<String> ALGORITHMS = List.of("HS256", "HS384", "HS512", "RS256", "RS384", "RS512",
            "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA");
    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @TempDir
    static Path dir;
    static MutableClock clock;
    static Stage stage;

    @BeforeAll
    static void setUp() throws Exception {
        StringBuilder keys = new StringBuilder();
        for (String alg : ALGORITHMS) {
            if (alg.startsWith("HS")) {
                keys.append("    - {kid: ").append(alg.toLowerCase()).append(", algorithm: ").append(alg)
                        .append(", secretBase64: \"").append(TestKeys.hmacSecretBase64(alg)).append("\"}\n");
            } else {
                TestKeys.writePem(dir, alg + ".pem", TestKeys.pair(alg).getPublic());
                keys.append("    - {kid: ").append(alg.toLowerCase()).append(", pemFile: ").append(alg).append(".pem}\n");
            }
        }
        TestKeys.writePem(dir, "ed448.pem", TestKeys.pair("Ed448").getPublic());
        keys.append("    - {kid: ed448, pemFile: ed448.pem}\n");
        clock = new MutableClock(NOW);
        stage = Policies.stage("""
                jwt:
                  issuers: [https://idp.test]
                  audiences: [api]
                  clockSkew: 30s
                  claims: {attributes: [email]}
                  keys:
                """ + keys, dir, clock);
    }

    static Verdict run(String token) {
        return Policies.run(stage, Policies.bearer(token));
    }

    @ParameterizedTest
    @ValueSource(strings = {"HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
            "ES256", "ES384", "ES512", "EdDSA"})
    void everyAlgorithmVerifiesAndSetsThePrincipal(String alg) {
        String token = Tokens.signed(alg, alg.toLowerCase(), NOW, b -> b.claim("email", "a@x.test"));

        Verdict verdict = run(token);

        assertThat(verdict.allowed()).as(verdict.toString()).isTrue();
        Principal principal = verdict.exchange().principal();
        assertThat(principal.subject()).isEqualTo("alice");
        assertThat(principal.attributes()).containsEntry("email", "a@x.test").containsEntry("auth_method", "jwt")
                .containsEntry("key_id", alg.toLowerCase()).containsEntry("iss", Tokens.ISSUER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
            "ES256", "ES384", "ES512", "EdDSA"})
    void everyAlgorithmRejectsATamperedPayload(String alg) {
        String token = Tokens.signed(alg, alg.toLowerCase(), NOW, b -> b);
        String forged = Tokens.withPayload(token, "{\"sub\":\"mallory\",\"iss\":\"https://idp.test\",\"aud\":\"api\",\"exp\":"
                + NOW.plusSeconds(300).getEpochSecond() + "}");

        Verdict verdict = run(forged);

        assertThat(verdict.httpStatus()).isEqualTo(401);
        assertThat(verdict.reason()).isEqualTo("identity.token_signature");
    }

    @Test
    void ed448KeysVerifyEdDsaToo() {
        String token = Tokens.signed(TestKeys.pair("Ed448").getPrivate(), "EdDSA", "ed448", NOW, b -> b);

        assertThat(run(token).allowed()).isTrue();
    }

    @Test
    void expiredTokenIsRefusedAfterTheSkew() {
        String token = Tokens.signed("RS256", "rs256", NOW, b -> b.expiration(Date.from(NOW.minusSeconds(31))));

        Verdict verdict = run(token);

        assertThat(verdict.reason()).isEqualTo("identity.token_expired");
        assertThat(verdict.responseHeaders().get("WWW-Authenticate"))
                .isEqualTo("Bearer realm=\"aiguard\", error=\"invalid_token\", error_description=\"token expired\"");
    }

    @Test
    void tokenExpiredWithinTheSkewIsAccepted() {
        String token = Tokens.signed("RS256", "rs256", NOW, b -> b.expiration(Date.from(NOW.minusSeconds(20))));

        assertThat(run(token).allowed()).isTrue();
    }

    @Test
    void notYetValidTokenIsRefused() {
        String token = Tokens.signed("ES256", "es256", NOW, b -> b.notBefore(Date.from(NOW.plusSeconds(120))));

        assertThat(run(token).reason()).isEqualTo("identity.token_not_yet_valid");
    }

    @Test
    void notBeforeWithinTheSkewIsAccepted() {
        String token = Tokens.signed("ES256", "es256", NOW, b -> b.notBefore(Date.from(NOW.plusSeconds(10))));

        assertThat(run(token).allowed()).isTrue();
    }

    @Test
    void issuedInTheFutureIsRefused() {
        String token = Tokens.signed("ES256", "es256", NOW, b -> b.issuedAt(Date.from(NOW.plusSeconds(600))));

        Verdict verdict = run(token);

        assertThat(verdict.reason()).isEqualTo("identity.token_not_yet_valid");
        assertThat(verdict.findings().get(0).message()).contains("iat is in the future");
    }

    @Test
    void wrongIssuerIsRefused() {
        String token = Tokens.signed("RS256", "rs256", NOW, b -> b.issuer("https://evil.test"));

        assertThat(run(token).reason()).isEqualTo("identity.token_issuer");
    }

    @Test
    void missingIssuerIsRefused() {
        String token = Tokens.signed("RS256", "rs256", NOW, b -> b.issuer(null));

        assertThat(run(token).reason()).isEqualTo("identity.token_issuer");
    }

    @Test
    void wrongAudienceIsRefused() {
        String token = Tokens.signed("RS256", "rs256", NOW, b -> b.claim("aud", "other"));

        assertThat(run(token).reason()).isEqualTo("identity.token_audience");
    }

    @Test
    void oneMatchingAudienceAmongSeveralIsEnough() {
        String token = Tokens.signed("RS256", "rs256", NOW, b -> b.audience().add("other").add("api").and());

        assertThat(run(token).allowed()).isTrue();
    }

    @Test
    void tokenWithoutExpiryIsRefused() {
        String token = Tokens.signed("RS256", "rs256", NOW, b -> b.expiration(null));

        Verdict verdict = run(token);

        assertThat(verdict.reason()).isEqualTo("identity.token_claims");
        assertThat(verdict.findings().get(0).message()).contains("exp is required");
    }

    @Test
    void tokenWithoutSubjectIsRefused() {
        String token = Tokens.signed("RS256", "rs256", NOW, b -> b.subject(null));

        assertThat(run(token).reason()).isEqualTo("identity.token_claims");
    }

    @Test
    void unknownKidIsRefused() {
        String token = Tokens.signed("RS256", "nope", NOW, b -> b);

        Verdict verdict = run(token);

        assertThat(verdict.reason()).isEqualTo("identity.token_unknown_key");
        assertThat(verdict.findings().get(0).excerpt()).isEmpty();
    }

    @Test
    void tokenWithoutKidIsRefusedWhenSeveralKeysFit() {
        // RS256 fits the keys rs256, rs384, ... ps512: the token must say which.
        String token = Tokens.signed("RS256", null, NOW, b -> b);

        Verdict verdict = run(token);

        assertThat(verdict.reason()).isEqualTo("identity.token_unknown_key");
        assertThat(verdict.findings().get(0).message()).contains("token names no kid");
    }

    @Test
    void tokenWithoutKidUsesTheOneKeyThatFits() {
        String token = Tokens.signed("ES384", null, NOW, b -> b);

        assertThat(run(token).allowed()).isTrue();
    }

    @Test
    void keyPinnedToAnotherAlgorithmIsRefused() {
        // hs256 is pinned to HS256; a valid HS512 signature with the same secret must still be refused.
        String token = Tokens.signed(TestKeys.hmacKey("HS256"), "HS256", "hs512", NOW, b -> b);

        assertThat(run(token).httpStatus()).isEqualTo(401);
    }

    @Test
    void cachedTokenStillExpiresWithItsExp() {
        MutableClock local = new MutableClock(NOW);
        Stage cached = stageWith(local, "");
        String token = Tokens.signed("RS256", "rs256", NOW, b -> b.expiration(Date.from(NOW.plusSeconds(60))));
        assertThat(Policies.run(cached, Policies.bearer(token)).allowed()).isTrue();

        local.advance(Duration.ofSeconds(59));
        assertThat(Policies.run(cached, Policies.bearer(token)).allowed()).isTrue();
        local.advance(Duration.ofSeconds(2));

        assertThat(Policies.run(cached, Policies.bearer(token)).reason()).isEqualTo("identity.token_expired");
    }

    @Test
    void maxAgeRefusesOldTokens() {
        MutableClock local = new MutableClock(NOW);
        Stage aged = stageWith(local, "  maxAge: 10m\n");
        String token = Tokens.signed("RS256", "rs256", NOW, b -> b.expiration(Date.from(NOW.plus(Duration.ofHours(2)))));
        assertThat(Policies.run(aged, Policies.bearer(token)).allowed()).isTrue();

        local.advance(Duration.ofMinutes(11));

        assertThat(Policies.run(aged, Policies.bearer(token)).reason()).isEqualTo("identity.token_expired");
    }

    @Test
    void requiredClaimsMustBePresent() {
        Stage strict = stageWith(new MutableClock(NOW), "  requiredClaims: [jti]\n");

        assertThat(Policies.run(strict, Policies.bearer(Tokens.signed("RS256", "rs256", NOW, b -> b))).reason())
                .isEqualTo("identity.token_claims");
        assertThat(Policies.run(strict, Policies.bearer(Tokens.signed("RS256", "rs256", NOW, b -> b.id("j-1"))))
                .allowed()).isTrue();
    }

    @Test
    void claimsMapToTenantGroupsAndTier() {
        Stage mapped = stageWith(new MutableClock(NOW), """
                  claims: {tenant: org, groups: scope, tier: plan, defaultTier: free}
                """);
        String token = Tokens.signed("RS256", "rs256", NOW, b -> b.claim("org", "acme").claim("scope", "chat embed")
                .claim("plan", "pro"));

        Principal p = Policies.run(mapped, Policies.bearer(token)).exchange().principal();

        assertThat(p.tenant()).isEqualTo("acme");
        assertThat(p.groups()).containsExactlyInAnyOrder("chat", "embed");
        assertThat(p.tier()).isEqualTo("pro");
        String noTier = Tokens.signed("RS256", "rs256", NOW, b -> b.claim("scope", List.of("a", "b")));
        Principal q = Policies.run(mapped, Policies.bearer(noTier)).exchange().principal();
        assertThat(q.tier()).isEqualTo("free");
        assertThat(q.groups()).containsExactlyInAnyOrder("a", "b");
    }

    private static Stage stageWith(MutableClock clock, String extra) {
        try {
            return Policies.stage("""
                    jwt:
                      issuers: [https://idp.test]
                      audiences: [api]
                      clockSkew: 0s
                    """ + extra + """
                      keys:
                        - {kid: rs256, pemFile: RS256.pem}
                    """, dir, clock);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
