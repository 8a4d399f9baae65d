package dev.aiguard.identity;

import dev.aiguard.api.ConfiguredStage;
import dev.aiguard.api.EventOptions;
import dev.aiguard.api.Guard;
import dev.aiguard.api.GuardConfig;
import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.ResponseInfo;
import dev.aiguard.api.SecurityEvent;
import dev.aiguard.api.Stage;
import dev.aiguard.api.Usage;
import dev.aiguard.api.Verdict;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** No credential, nor any 12-character piece of one, shows up in verdicts, findings, principals or events. */
class NoCredentialLeakTest {

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final String KEY = ApiKeyDigests.newKey();
    static final String REVOKED = ApiKeyDigests.newKey();
    static final String HMAC_SECRET = "hmac-secret-" + ApiKeyDigests.newKey();

    @TempDir
    static Path dir;
    static Stage stage;
    static IdentityConfig config;

    @BeforeAll
    static void setUp() throws Exception {
        TestKeys.writePem(dir, "rsa.pem", TestKeys.pair("RS256").getPublic());
        String yaml = """
                apiKeys:
                  hmacSecret: %s
                  owners:
                    - {subject: svc, tier: free, keys: [{id: live, digest: "%s"}, {id: dead, digest: "%s"}]}
                  revoked: [dead]
                jwt:
                  issuers: [https://idp.test]
                  keys: [{kid: rsa, pemFile: rsa.pem}]
                access:
                  - {tiers: [free], models: [small]}
                  - {subjects: [alice], routes: ["/v1/**"]}
                """.formatted(HMAC_SECRET, ApiKeyDigests.sha256(KEY), ApiKeyDigests.sha256(REVOKED));
        config = Policies.parse(yaml);
        stage = Policies.stage(yaml, dir, new MutableClock(NOW));
    }

    static Stream<Arguments> requests() {
        String valid = Tokens.signed("RS256", "rsa", NOW, b -> b);
        String expired = Tokens.signed("RS256", "rsa", NOW, b -> b.expiration(Date.from(NOW.minusSeconds(3600))));
        String forged = Tokens.withPayload(valid, "{\"sub\":\"root\",\"exp\":" + NOW.plusSeconds(60).getEpochSecond() + "}");
        String wrongIssuer = Tokens.signed("RS256", "rsa", NOW, b -> b.issuer("https://evil.test"));
        String unknownKid = Tokens.signed("RS256", "not-a-kid-" + KEY, NOW, b -> b);
        return Stream.of(
                arguments("valid JWT", valid, Policies.bearer(valid)),
                arguments("expired JWT", expired, Policies.bearer(expired)),
                arguments("forged JWT", forged, Policies.bearer(forged)),
                arguments("wrong issuer", wrongIssuer, Policies.bearer(wrongIssuer)),
                arguments("unknown kid containing a key", unknownKid, Policies.bearer(unknownKid)),
                arguments("malformed JWT", valid + ".x", Policies.bearer(valid + ".x")),
                arguments("valid key, forbidden model", KEY, Policies.chat("large", "X-API-Key", KEY)),
                arguments("valid key, allowed model", KEY, Policies.chat("small", "X-API-Key", KEY)),
                arguments("revoked key", REVOKED, Policies.get("/", "X-API-Key", REVOKED)),
                arguments("unknown key", KEY + "x", Policies.get("/", "X-API-Key", KEY + "x")),
                arguments("key as bearer", KEY, Policies.bearer(KEY)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void credentialNeverAppearsInOutput(String kind, String credential, GuardRequest request) {
        List<SecurityEvent> events = new CopyOnWriteArrayList<>();
        Guard guard = Guard.create(GuardConfig.builder()
                .stage(ConfiguredStage.of("identity", stage).withBudget(Duration.ofSeconds(30), false))
                .sink(events::add)
                .events(new EventOptions(1.0, 64, false))
                .build());

        Verdict verdict = guard.inspect(request);
        guard.complete(verdict.exchange(), ResponseInfo.of(200, Usage.unknown()));

        StringBuilder output = new StringBuilder()
                .append(verdict).append(verdict.findings()).append(verdict.block()).append(verdict.responseHeaders())
                .append(verdict.exchange()).append(verdict.exchange().principal()).append(events).append(stage);
        assertThat(events).isNotEmpty();
        assertNoPieceOf(credential, output.toString());
    }

    @Test
    void configurationToStringHidesSecrets() {
        assertNoPieceOf(HMAC_SECRET, config.toString());
        IdentityConfig.JwtKey key = new IdentityConfig.JwtKey("k", null, null, null, HMAC_SECRET, null);
        assertNoPieceOf(HMAC_SECRET, key.toString());
        IdentityConfig.JwksUrl url = new IdentityConfig.JwksUrl("https://x.test/jwks", "t.p12", HMAC_SECRET, null,
                null, null, null, null);
        assertNoPieceOf(HMAC_SECRET, url.toString());
    }

    static void assertNoPieceOf(String credential, String output) {
        for (int i = 0; i + 12 <= credential.length(); i++) {
            String piece = credential.substring(i, i + 12);
            assertThat(output).as("output contains a piece of the credential").doesNotContain(piece);
        }
    }
}
