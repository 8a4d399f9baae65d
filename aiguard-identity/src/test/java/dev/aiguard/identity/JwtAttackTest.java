package dev.aiguard.identity;

import dev.aiguard.api.Stage;
import dev.aiguard.api.Verdict;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Algorithm confusion, unsecured tokens and malformed tokens of every kind: all must end in a clean 401. */
class JwtAttackTest {

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final long EXP = NOW.plusSeconds(300).getEpochSecond();
    static final String CLAIMS = "{\"sub\":\"mallory\",\"iss\":\"https://idp.test\",\"aud\":\"api\",\"exp\":" + EXP + "}";

    @TempDir
    static Path dir;
    static Stage stage;

    @BeforeAll
    static void setUp() throws Exception {
        TestKeys.writePem(dir, "rsa.pem", TestKeys.pair("RS256").getPublic());
        stage = Policies.stage("""
                jwt:
                  issuers: [https://idp.test]
                  audiences: [api]
                  keys:
                    - {kid: rsa, pemFile: rsa.pem}
                    - {kid: hmac, secretBase64: "%s"}
                """.formatted(TestKeys.hmacSecretBase64("HS256")), dir, new MutableClock(NOW));
    }

    static Verdict run(String token) {
        return Policies.run(stage, Policies.bearer(token));
    }

    static void assertInvalidToken(Verdict verdict, String reason) {
        assertThat(verdict.httpStatus()).isEqualTo(401);
        assertThat(verdict.reason()).isEqualTo(reason);
        assertThat(verdict.responseHeaders().get("WWW-Authenticate"))
                .startsWith("Bearer realm=\"aiguard\", error=\"invalid_token\", error_description=\"");
        assertThat(verdict.exchange().principal().isAnonymous()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "NONE", "nOnE"})
    void unsecuredTokensAreRefusedInAnySpelling(String alg) {
        String header = "{\"alg\":\"" + alg + "\",\"kid\":\"rsa\"}";

        assertInvalidToken(run(Tokens.raw(header, CLAIMS, "")), "identity.token_algorithm");
        assertInvalidToken(run(Tokens.raw(header, CLAIMS, "c2lnbmF0dXJl")), "identity.token_algorithm");
    }

    @Test
    void hmacSignedWithTheRsaPublicKeyPemIsRefused() {
        byte[] pem = TestKeys.pem(TestKeys.pair("RS256").getPublic()).getBytes(StandardCharsets.US_ASCII);

        assertInvalidToken(run(Tokens.hmacRaw("{\"alg\":\"HS256\",\"kid\":\"rsa\"}", CLAIMS, pem)), "identity.token_algorithm");
    }

    @Test
    void hmacSignedWithTheRsaPublicKeyDerIsRefused() {
        byte[] der = TestKeys.pair("RS256").getPublic().getEncoded();

        assertInvalidToken(run(Tokens.hmacRaw("{\"alg\":\"HS256\",\"kid\":\"rsa\"}", CLAIMS, der)), "identity.token_algorithm");
    }

    @Test
    void rsaTokenNamingTheHmacKeyIsRefused() {
        String token = Tokens.signed("RS256", "hmac", NOW, b -> b);

        assertInvalidToken(run(token), "identity.token_algorithm");
    }

    @Test
    void ecTokenNamingTheRsaKeyIsRefused() {
        String token = Tokens.signed("ES256", "rsa", NOW, b -> b);

        assertInvalidToken(run(token), "identity.token_algorithm");
    }

    @Test
    void algorithmOutsideTheAllowListIsRefused() throws Exception {
        Stage rs256Only = Policies.stage("""
                jwt:
                  algorithms: [RS256]
                  keys: [{kid: rsa, pemFile: rsa.pem}]
                """, dir, new MutableClock(NOW));

        assertThat(Policies.run(rs256Only, Policies.bearer(Tokens.signed("RS256", "rsa", NOW, b -> b))).allowed()).isTrue();
        assertThat(Policies.run(rs256Only, Policies.bearer(Tokens.signed("PS256", "rsa", NOW, b -> b))).reason())
                .isEqualTo("identity.token_algorithm");
    }

    @Test
    void validTokensStillPass() {
        assertThat(run(Tokens.signed("RS256", "rsa", NOW, b -> b)).allowed()).isTrue();
        assertThat(run(Tokens.signed("HS256", "hmac", NOW, b -> b)).allowed()).isTrue();
    }

    static Stream<Arguments> malformedTokens() {
        String valid = Tokens.signed("RS256", "rsa", NOW, b -> b);
        String[] p = valid.split("\\.");
        byte[] secret = Base64.getDecoder().decode(TestKeys.hmacSecretBase64("HS256"));
        String hs = "{\"alg\":\"HS256\",\"kid\":\"hmac\"}";
        String malformed = "identity.token_malformed";
        return Stream.of(
                arguments("one part", "abc", malformed),
                arguments("two parts", "abc.def", malformed),
                arguments("four parts", p[0] + "." + p[1] + "." + p[2] + ".x", malformed),
                arguments("five parts (JWE shape)", "a.b.c.d.e", malformed),
                arguments("only dots", "..", malformed),
                arguments("empty header", "." + p[1] + "." + p[2], malformed),
                arguments("empty payload", p[0] + ".." + p[2], malformed),
                arguments("empty signature", p[0] + "." + p[1] + ".", malformed),
                arguments("illegal character", p[0] + "." + p[1] + "." + p[2] + "!", malformed),
                arguments("Base64 padding", p[0] + "=." + p[1] + "." + p[2], malformed),
                arguments("non-ASCII", p[0] + "." + p[1] + "é." + p[2], malformed),
                arguments("header not Base64url", "a." + p[1] + "." + p[2], malformed),
                arguments("header not JSON", Tokens.b64("not json") + "." + p[1] + "." + p[2], malformed),
                arguments("header a JSON array", Tokens.b64("[1,2]") + "." + p[1] + "." + p[2], malformed),
                arguments("header deeply nested", Tokens.b64("[".repeat(500) + "]".repeat(500)) + "." + p[1] + "." + p[2], malformed),
                arguments("header without alg", Tokens.b64("{\"typ\":\"JWT\"}") + "." + p[1] + "." + p[2], malformed),
                arguments("alg not a string", Tokens.b64("{\"alg\":256}") + "." + p[1] + "." + p[2], malformed),
                arguments("unknown alg", Tokens.b64("{\"alg\":\"HS999\"}") + "." + p[1] + "." + p[2], "identity.token_algorithm"),
                arguments("kid not a string", Tokens.b64("{\"alg\":\"RS256\",\"kid\":7}") + "." + p[1] + "." + p[2], malformed),
                arguments("compressed payload", Tokens.b64("{\"alg\":\"RS256\",\"kid\":\"rsa\",\"zip\":\"DEF\"}") + "." + p[1] + "." + p[2], malformed),
                arguments("JWE header", Tokens.b64("{\"alg\":\"RS256\",\"enc\":\"A128GCM\"}") + "." + p[1] + "." + p[2], malformed),
                arguments("unencoded payload", Tokens.b64("{\"alg\":\"RS256\",\"b64\":false,\"crit\":[\"b64\"]}") + "." + p[1] + "." + p[2], malformed),
                arguments("header too long", Tokens.b64("{\"alg\":\"RS256\",\"x\":\"" + "a".repeat(3000) + "\"}") + "." + p[1] + "." + p[2], malformed),
                arguments("token too long", p[0] + "." + "A".repeat(20_000) + "." + p[2], malformed),
                arguments("truncated signature", valid.substring(0, valid.length() - 4), "identity.token_signature"),
                arguments("signature of another token", p[0] + "." + p[1] + "." + Tokens.signed("RS256", "rsa", NOW, b -> b.subject("bob")).split("\\.")[2], "identity.token_signature"),
                arguments("payload swapped", Tokens.withPayload(valid, CLAIMS), "identity.token_signature"),
                arguments("unknown critical header", Tokens.hmacRaw("{\"alg\":\"HS256\",\"kid\":\"hmac\",\"crit\":[\"x-custom\"],\"x-custom\":1}", CLAIMS, secret), "identity.token_invalid"),
                arguments("signed payload not JSON", Tokens.hmacRaw(hs, "garbage", secret), "identity.token_invalid"),
                arguments("signed payload a JSON array", Tokens.hmacRaw(hs, "[1,2]", secret), "identity.token_invalid"),
                arguments("exp not a number", Tokens.hmacRaw(hs, "{\"sub\":\"a\",\"iss\":\"https://idp.test\",\"aud\":\"api\",\"exp\":\"tomorrow\"}", secret), malformed),
                arguments("sub not a string", Tokens.hmacRaw(hs, "{\"sub\":42,\"iss\":\"https://idp.test\",\"aud\":\"api\",\"exp\":" + EXP + "}", secret), malformed),
                arguments("aud not a string", Tokens.hmacRaw(hs, "{\"sub\":\"a\",\"iss\":\"https://idp.test\",\"aud\":{\"x\":1},\"exp\":" + EXP + "}", secret), malformed),
                arguments("iat not a number", Tokens.hmacRaw(hs, "{\"sub\":\"a\",\"iss\":\"https://idp.test\",\"aud\":\"api\",\"iat\":true,\"exp\":" + EXP + "}", secret), malformed));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedTokens")
    void malformedTokensGiveACleanUnauthorized(String kind, String token, String reason) {
        Verdict verdict = run(token);

        assertInvalidToken(verdict, reason);
        assertThat(verdict.findings()).singleElement().satisfies(f -> {
            assertThat(f.message()).doesNotContain(token);
            assertThat(f.excerpt()).doesNotContain(token);
        });
    }

    @Test
    void emptyBearerIsMalformed() {
        assertInvalidToken(Policies.run(stage, Policies.get("/", "Authorization", "Bearer ")), "identity.token_malformed");
        assertInvalidToken(Policies.run(stage, Policies.get("/", "Authorization", "Bearer")), "identity.token_malformed");
    }

    @Test
    void bearerWithTwoValuesIsMalformed() {
        assertInvalidToken(Policies.run(stage, Policies.get("/", "Authorization", "Bearer a.b.c d.e.f")),
                "identity.token_malformed");
    }

    @Test
    void twoAuthorizationHeadersAreMalformed() {
        String valid = Tokens.signed("RS256", "rsa", NOW, b -> b);

        assertInvalidToken(Policies.run(stage, Policies.get("/", "Authorization", "Bearer " + valid,
                "Authorization", "Bearer " + valid)), "identity.token_malformed");
    }

    @Test
    void bearerSchemeIsCaseInsensitive() {
        String valid = Tokens.signed("RS256", "rsa", NOW, b -> b);

        assertThat(Policies.run(stage, Policies.get("/", "Authorization", "bearer " + valid)).allowed()).isTrue();
    }

    @Test
    void otherAuthorizationSchemesCountAsNoCredentials() {
        Verdict verdict = Policies.run(stage, Policies.get("/", "Authorization", "Basic YWxpY2U6c2VjcmV0"));

        assertThat(verdict.reason()).isEqualTo("identity.credentials_missing");
        assertThat(verdict.responseHeaders()).containsEntry("WWW-Authenticate", "Bearer realm=\"aiguard\"");
    }
}
