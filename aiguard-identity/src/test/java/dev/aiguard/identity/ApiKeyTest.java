package dev.aiguard.identity;

import dev.aiguard.api.Principal;
import dev.aiguard.api.Stage;
import dev.aiguard.api.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiKeyTest {

    static final String CURRENT = ApiKeyDigests.newKey();
    static final String NEXT = ApiKeyDigests.newKey();
    static final String OLD = ApiKeyDigests.newKey();
    static final String PEPPER = "pepper-from-the-environment";
    static final String HMAC_KEY = ApiKeyDigests.newKey();

    @TempDir
    Path dir;

    Stage stage(String extra) throws Exception {
        return Policies.stage("""
                apiKeys:
                  hmacSecret: %s
                  owners:
                    - subject: svc-a
                      tenant: acme
                      tier: pro
                      groups: [ml]
                      attributes: {team: search}
                      keys:
                        - {id: a-current, digest: "%s"}
                        - {id: a-next, digest: "%s"}
                    - subject: svc-b
                      keys:
                        - {id: b-old, digest: "%s"}
                    - subject: svc-c
                      keys:
                        - {id: c-hmac, digest: "%s"}
                """.formatted(PEPPER, ApiKeyDigests.sha256(CURRENT), ApiKeyDigests.sha256(NEXT),
                ApiKeyDigests.sha256(OLD), ApiKeyDigests.hmacSha256(HMAC_KEY, PEPPER)) + extra, dir,
                new MutableClock(Instant.parse("2026-06-01T00:00:00Z")));
    }

    @Test
    void digestsAreSaltedAndVerifyOnlyTheirKey() {
        String a = ApiKeyDigests.sha256(CURRENT);
        String b = ApiKeyDigests.sha256(CURRENT);

        assertThat(a).startsWith("sha256:").isNotEqualTo(b).doesNotContain(CURRENT);
        assertThat(ApiKeyDigests.matches(a, CURRENT, null)).isTrue();
        assertThat(ApiKeyDigests.matches(b, CURRENT, null)).isTrue();
        assertThat(ApiKeyDigests.matches(a, NEXT, null)).isFalse();
    }

    @Test
    void hmacDigestsNeedTheSecret() {
        String digest = ApiKeyDigests.hmacSha256(HMAC_KEY, PEPPER);

        assertThat(digest).startsWith("hmac-sha256:");
        assertThat(ApiKeyDigests.matches(digest, HMAC_KEY, PEPPER)).isTrue();
        assertThat(ApiKeyDigests.matches(digest, HMAC_KEY, "other-secret")).isFalse();
        assertThatThrownBy(() -> ApiKeyDigests.matches(digest, HMAC_KEY, null)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void keyFromTheHeaderResolvesItsOwner() throws Exception {
        Verdict verdict = Policies.run(stage(""), Policies.get("/v1/models", "X-API-Key", CURRENT));

        assertThat(verdict.allowed()).isTrue();
        Principal p = verdict.exchange().principal();
        assertThat(p.subject()).isEqualTo("svc-a");
        assertThat(p.tenant()).isEqualTo("acme");
        assertThat(p.tier()).isEqualTo("pro");
        assertThat(p.groups()).containsExactly("ml");
        assertThat(p.attributes()).containsEntry("team", "search").containsEntry("auth_method", "api_key")
                .containsEntry("key_id", "a-current");
    }

    @Test
    void keyAsBearerTokenWorksToo() throws Exception {
        Verdict verdict = Policies.run(stage(""), Policies.bearer(CURRENT));

        assertThat(verdict.exchange().principal().subject()).isEqualTo("svc-a");
    }

    @Test
    void hmacDigestedKeyAuthenticates() throws Exception {
        assertThat(Policies.run(stage(""), Policies.get("/", "X-API-Key", HMAC_KEY)).exchange().principal().subject())
                .isEqualTo("svc-c");
    }

    @Test
    void bothKeysOfAnOwnerAreValidDuringRotation() throws Exception {
        Stage stage = stage("");

        Verdict current = Policies.run(stage, Policies.get("/", "X-API-Key", CURRENT));
        Verdict next = Policies.run(stage, Policies.get("/", "X-API-Key", NEXT));

        assertThat(current.exchange().principal().subject()).isEqualTo("svc-a");
        assertThat(next.exchange().principal().subject()).isEqualTo("svc-a");
        assertThat(next.exchange().principal().attributes()).containsEntry("key_id", "a-next");
    }

    @Test
    void revokedKeyIsRefusedWithItsIdOnly() throws Exception {
        Verdict verdict = Policies.run(stage("  revoked: [a-current]\n"), Policies.get("/", "X-API-Key", CURRENT));

        assertThat(verdict.httpStatus()).isEqualTo(401);
        assertThat(verdict.reason()).isEqualTo("identity.api_key_revoked");
        assertThat(verdict.findings()).singleElement().satisfies(f -> {
            assertThat(f.excerpt()).isEqualTo("key_id=a-current");
            assertThat(f.target()).isEqualTo("REQUEST_HEADERS:X-API-Key");
        });
        assertThat(verdict.responseHeaders().get("WWW-Authenticate")).contains("error_description=\"revoked API key\"");
    }

    @Test
    void revokingTheOldKeyLeavesTheNewOneWorking() throws Exception {
        Stage stage = stage("  revoked: [a-current]\n");

        assertThat(Policies.run(stage, Policies.get("/", "X-API-Key", NEXT)).allowed()).isTrue();
    }

    @Test
    void unknownKeyIsRefused() throws Exception {
        Verdict verdict = Policies.run(stage(""), Policies.get("/", "X-API-Key", "agk_not-a-real-key"));

        assertThat(verdict.reason()).isEqualTo("identity.api_key_unknown");
        assertThat(verdict.findings().get(0).excerpt()).isEmpty();
    }

    @Test
    void keyFileAddsOwnersAndRevocations() throws Exception {
        String fileKey = ApiKeyDigests.newKey();
        Files.writeString(dir.resolve("keys.yaml"), """
                owners:
                  - subject: from-file
                    keys: [{id: f1, digest: "%s"}]
                revoked: [b-old]
                """.formatted(ApiKeyDigests.sha256(fileKey)));
        Stage stage = stage("  file: keys.yaml\n");

        assertThat(Policies.run(stage, Policies.get("/", "X-API-Key", fileKey)).exchange().principal().subject())
                .isEqualTo("from-file");
        assertThat(Policies.run(stage, Policies.get("/", "X-API-Key", OLD)).reason()).isEqualTo("identity.api_key_revoked");
    }

    @Test
    void customHeaderNamesAreUsed() throws Exception {
        Stage stage = Policies.stage("""
                apiKeys:
                  headers: [X-Service-Key]
                  bearer: false
                  owners: [{subject: s, keys: [{id: k, digest: "%s"}]}]
                """.formatted(ApiKeyDigests.sha256(CURRENT)), dir, new MutableClock(Instant.EPOCH));

        assertThat(Policies.run(stage, Policies.get("/", "X-Service-Key", CURRENT)).allowed()).isTrue();
        assertThat(Policies.run(stage, Policies.get("/", "X-API-Key", CURRENT)).reason())
                .isEqualTo("identity.credentials_missing");
        assertThat(Policies.run(stage, Policies.bearer(CURRENT)).reason()).isEqualTo("identity.credentials_missing");
    }

    @Test
    void moreThanTwoKeysPerOwnerIsAConfigurationError() {
        IdentityConfig config = Policies.parse("""
                apiKeys:
                  owners:
                    - subject: s
                      keys:
                        - {id: k1, digest: "%1$s"}
                        - {id: k2, digest: "%1$s"}
                        - {id: k3, digest: "%1$s"}
                    - subject: ""
                      keys:
                        - {id: k1, digest: "sha256:bad"}
                        - {id: k4, digest: "hmac-sha256:AAAAAAAAAAAAAAAAAAAAAA:%2$s"}
                """.formatted(ApiKeyDigests.sha256("x"), "A".repeat(43)));

        Map<String, String> problems = Validation.problems(config);

        assertThat(problems).containsKeys("apiKeys.owners[0].keys", "apiKeys.owners[1].subject",
                "apiKeys.owners[1].keys[0].id", "apiKeys.owners[1].keys[0].digest", "apiKeys.owners[1].keys[1].digest");
        assertThat(problems.get("apiKeys.owners[1].keys[1].digest")).contains("hmacSecret");
    }

    @Test
    void commandLinePrintsADigestOfTheKeyOnStandardInput() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = ApiKeyDigests.run(new String[0], new BufferedReader(new StringReader(CURRENT + "\n")),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err, name -> null);

        String digest = out.toString(StandardCharsets.UTF_8).trim();
        assertThat(status).isZero();
        assertThat(digest).doesNotContain(CURRENT);
        assertThat(ApiKeyDigests.matches(digest, CURRENT, null)).isTrue();
    }

    @Test
    void commandLineMakesHmacDigestsAndNewKeys() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = ApiKeyDigests.run(new String[] {"--new", "--hmac-env", "PEPPER"}, new BufferedReader(new StringReader("")),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err, name -> name.equals("PEPPER") ? PEPPER : null);

        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(status).isZero();
        String key = lines[0].substring("key:".length()).trim();
        String digest = lines[1].substring("digest:".length()).trim();
        assertThat(ApiKeyDigests.matches(digest, key, PEPPER)).isTrue();
    }

    @Test
    void commandLineRefusesMissingInput() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);

        assertThat(ApiKeyDigests.run(new String[0], new BufferedReader(new StringReader("")), System.out, errStream,
                n -> null)).isEqualTo(2);
        assertThat(ApiKeyDigests.run(new String[] {"--hmac-env", "UNSET"}, new BufferedReader(new StringReader("k")),
                System.out, errStream, n -> null)).isEqualTo(2);
        assertThat(ApiKeyDigests.run(new String[] {"--bogus"}, new BufferedReader(new StringReader("k")),
                System.out, errStream, n -> null)).isEqualTo(2);
    }
}
