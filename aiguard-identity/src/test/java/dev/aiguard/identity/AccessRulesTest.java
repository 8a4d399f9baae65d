package dev.aiguard.identity;

import dev.aiguard.api.ConfiguredStage;
import dev.aiguard.api.Guard;
import dev.aiguard.api.GuardConfig;
import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.Mode;
import dev.aiguard.api.Headers;
import dev.aiguard.api.Stage;
import dev.aiguard.api.Verdict;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Per-identity rules: tiers, models, methods, routes, tenants, groups, subjects; anonymous routes; mTLS peers. */
class AccessRulesTest {

    static final String FREE = ApiKeyDigests.newKey();
    static final String PRO = ApiKeyDigests.newKey();
    static final String ADMIN = ApiKeyDigests.newKey();
    static final String OTHER_TENANT = ApiKeyDigests.newKey();

    @TempDir
    static Path dir;
    static Stage stage;

    @BeforeAll
    static void setUp() throws Exception {
        stage = Policies.stage("""
                realm: inference
                apiKeys:
                  owners:
                    - {subject: free-user, tenant: acme, tier: free, keys: [{id: free, digest: "%s"}]}
                    - {subject: pro-user, tenant: acme, tier: pro, keys: [{id: pro, digest: "%s"}]}
                    - {subject: ops, groups: [admins], keys: [{id: admin, digest: "%s"}]}
                    - {subject: stranger, tenant: globex, tier: pro, keys: [{id: other, digest: "%s"}]}
                mtls:
                  peers:
                    - {dn: "CN=batch-runner, O=Acme", tenant: acme, tier: pro}
                    - {san: "uri:spiffe://acme/ns/batch/sa/trainer", tenant: acme, tier: pro}
                    - {san: "DNS:Indexer.Acme.Internal", subject: indexer, tenant: acme, tier: pro}
                anonymous:
                  routes: [/health, /v1/models]
                  methods: [GET]
                  tier: anonymous
                access:
                  - tiers: [free]
                    tenants: [acme]
                    routes: [/v1/chat/completions, /v1/embeddings]
                    methods: [POST]
                    models: [gpt-4o-mini, "llama3*"]
                  - tiers: [pro]
                    tenants: [acme]
                    routes: ["/v1/**"]
                    methods: [GET, POST]
                  - groups: [admins]
                    routes: ["/admin/**"]
                """.formatted(ApiKeyDigests.sha256(FREE), ApiKeyDigests.sha256(PRO), ApiKeyDigests.sha256(ADMIN),
                ApiKeyDigests.sha256(OTHER_TENANT)), dir, new MutableClock(Instant.EPOCH));
    }

    static Verdict chat(String key, String model) {
        return Policies.run(stage, Policies.chat(model, "X-API-Key", key));
    }

    static Verdict call(String key, String method, String path) {
        return Policies.run(stage, GuardRequest.builder().method(method).uri(path)
                .headers(Headers.of("X-API-Key", key)).build());
    }

    @ParameterizedTest(name = "free tier, model {0}: {1}")
    @CsvSource({
            "gpt-4o-mini, allowed",
            "llama3-70b, allowed",
            "llama3, allowed",
            "gpt-4o, identity.model_forbidden",
            "o1-preview, identity.model_forbidden",
            "GPT-4O-MINI, identity.model_forbidden"})
    void freeTierMayUseOnlyItsModels(String model, String reason) {
        assertThat(chat(FREE, model).reason()).isEqualTo(reason);
    }

    @Test
    void proTierMayUseAnyModel() {
        assertThat(chat(PRO, "gpt-4o").allowed()).isTrue();
        assertThat(chat(PRO, "o1-preview").allowed()).isTrue();
    }

    @Test
    void forbiddenModelIs403WithoutChallenge() {
        Verdict verdict = chat(FREE, "gpt-4o");

        assertThat(verdict.httpStatus()).isEqualTo(403);
        assertThat(verdict.grpcStatus()).isEqualTo(7);
        assertThat(verdict.responseHeaders()).isEmpty();
        assertThat(verdict.findings()).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("identity.model_forbidden");
            assertThat(f.excerpt()).isEqualTo("key_id=free");
        });
        // The caller is still identified for events and budgets.
        assertThat(verdict.exchange().principal().subject()).isEqualTo("free-user");
    }

    @Test
    void requestNamingNoModelDoesNotMatchAModelRule() {
        Verdict verdict = Policies.run(stage, GuardRequest.builder().method("POST").uri("/v1/embeddings")
                .headers(Headers.of("X-API-Key", FREE, "Content-Type", "application/json")).body("{\"input\":\"x\"}").build());

        assertThat(verdict.reason()).isEqualTo("identity.model_forbidden");
    }

    @Test
    void modelRuleCanBeStagedInMonitorMode() {
        Guard guard = Guard.create(GuardConfig.builder()
                .stage(ConfiguredStage.of("identity", stage).withBudget(Duration.ofSeconds(30), false)
                        .withRuleModes(Map.of("identity.model_forbidden", Mode.MONITOR)))
                .build());

        Verdict staged = guard.inspect(Policies.chat("gpt-4o", "X-API-Key", FREE));
        Verdict enforced = guard.inspect(Policies.chat("gpt-4o", "Authorization", "Bearer agk_unknown"));

        assertThat(staged.allowed()).isTrue();
        assertThat(staged.wouldBlock()).isTrue();
        assertThat(staged.findings()).extracting(f -> f.ruleId()).containsExactly("identity.model_forbidden");
        assertThat(enforced.httpStatus()).isEqualTo(401);
    }

    @Test
    void overlongModelNameCountsAsNoModel() {
        assertThat(chat(FREE, "llama3" + "x".repeat(300)).reason()).isEqualTo("identity.model_forbidden");
        assertThat(chat(PRO, "llama3" + "x".repeat(300)).allowed()).isTrue();
    }

    @Test
    void nonStringModelCountsAsNoModel() {
        Verdict verdict = Policies.run(stage, GuardRequest.builder().method("POST").uri("/v1/chat/completions")
                .headers(Headers.of("X-API-Key", FREE, "Content-Type", "application/json"))
                .body("{\"model\":[\"gpt-4o-mini\"]}").build());

        assertThat(verdict.reason()).isEqualTo("identity.model_forbidden");
    }

    @Test
    void modelIsReadFromFormBodiesToo() {
        Verdict verdict = Policies.run(stage, GuardRequest.builder().method("POST").uri("/v1/embeddings")
                .headers(Headers.of("X-API-Key", FREE, "Content-Type", "application/x-www-form-urlencoded"))
                .body("model=gpt-4o-mini&input=x").build());

        assertThat(verdict.allowed()).isTrue();
    }

    @ParameterizedTest(name = "{0} {1} {2}: {3}")
    @CsvSource({
            "free, GET, /v1/chat/completions, identity.route_forbidden",
            "free, POST, /v1/audio/speech, identity.route_forbidden",
            "pro, GET, /v1/models, allowed",
            "pro, POST, /v1/audio/speech, allowed",
            "pro, DELETE, /v1/files/1, identity.route_forbidden",
            "pro, GET, /v1, allowed",
            "pro, GET, /admin/users, identity.route_forbidden",
            "pro, GET, /v1/../admin/users, identity.route_forbidden",
            "pro, GET, /v1/%2e%2e/admin/users, identity.route_forbidden",
            "pro, GET, /v1/x/..%2F..%2Fadmin, identity.route_forbidden",
            "admin, DELETE, /admin/users/7, allowed",
            "admin, GET, //admin//users, allowed",
            "admin, GET, /v1/models, identity.route_forbidden",
            "other, GET, /v1/models, identity.route_forbidden"})
    void routesAndMethodsFollowTheRules(String who, String method, String path, String reason) {
        String key = switch (who) {
            case "free" -> FREE;
            case "pro" -> PRO;
            case "admin" -> ADMIN;
            default -> OTHER_TENANT;
        };
        assertThat(call(key, method, path).reason()).isEqualTo(reason);
    }

    @Test
    void anonymousMayUseOnlyItsRoutes() {
        Verdict health = Policies.run(stage, Policies.get("/health"));
        Verdict models = Policies.run(stage, Policies.get("/v1/models"));
        Verdict chat = Policies.run(stage, Policies.chat("gpt-4o-mini"));
        Verdict postModels = Policies.run(stage, GuardRequest.builder().method("POST").uri("/v1/models").build());

        assertThat(health.allowed()).isTrue();
        assertThat(health.exchange().principal().isAnonymous()).isTrue();
        assertThat(health.exchange().principal().tier()).isEqualTo("anonymous");
        assertThat(models.allowed()).isTrue();
        assertThat(chat.httpStatus()).isEqualTo(401);
        assertThat(chat.reason()).isEqualTo("identity.credentials_missing");
        assertThat(chat.responseHeaders()).containsEntry("WWW-Authenticate", "Bearer realm=\"inference\"");
        assertThat(postModels.httpStatus()).isEqualTo(401);
    }

    @Test
    void invalidCredentialsOnAnAnonymousRouteAreStillRefused() {
        Verdict verdict = Policies.run(stage, Policies.get("/health", "X-API-Key", "agk_wrong"));

        assertThat(verdict.reason()).isEqualTo("identity.api_key_unknown");
    }

    @Test
    void listedMtlsPeerIsIdentifiedByItsCertificate() {
        Verdict verdict = Policies.run(stage, GuardRequest.builder().method("POST").uri("/v1/chat/completions")
                .tlsPeer("cn=batch-runner,o=Acme").build());

        assertThat(verdict.allowed()).isTrue();
        assertThat(verdict.exchange().principal().subject()).isEqualTo("batch-runner");
        assertThat(verdict.exchange().principal().attributes()).containsEntry("auth_method", "mtls");
    }

    @Test
    void mtlsPeerIsIdentifiedByAListedSpiffeIdInItsSubjectAlternativeNames() {
        Verdict verdict = Policies.run(stage, GuardRequest.builder().method("POST").uri("/v1/chat/completions")
                .tlsPeer("CN=unlisted").tlsPeerNames(List.of("dns:x.acme.internal", "uri:spiffe://acme/ns/batch/sa/trainer"))
                .build());

        assertThat(verdict.allowed()).isTrue();
        assertThat(verdict.exchange().principal().subject()).isEqualTo("spiffe://acme/ns/batch/sa/trainer");
        assertThat(verdict.exchange().principal().attributes()).containsEntry("auth_method", "mtls");
    }

    @Test
    void dnsSubjectAlternativeNamesCompareWithoutCase() {
        Verdict verdict = Policies.run(stage, GuardRequest.builder().method("POST").uri("/v1/chat/completions")
                .tlsPeerNames(List.of("dns:indexer.acme.internal")).build());

        assertThat(verdict.exchange().principal().subject()).isEqualTo("indexer");
    }

    @Test
    void spiffeIdsCompareExactly() {
        Verdict verdict = Policies.run(stage, GuardRequest.builder().method("POST").uri("/v1/chat/completions")
                .tlsPeerNames(List.of("uri:spiffe://acme/ns/batch/sa/TRAINER")).build());

        assertThat(verdict.reason()).isEqualTo("identity.credentials_missing");
    }

    @Test
    void unlistedMtlsPeerCountsAsNoCredential() {
        Verdict verdict = Policies.run(stage, GuardRequest.builder().method("POST").uri("/v1/chat/completions")
                .tlsPeer("CN=someone-else").build());

        assertThat(verdict.reason()).isEqualTo("identity.credentials_missing");
    }

    @Test
    void malformedPeerNameCountsAsNoCredential() {
        Verdict verdict = Policies.run(stage, GuardRequest.builder().method("POST").uri("/v1/chat/completions")
                .tlsPeer("=,=,=").build());

        assertThat(verdict.reason()).isEqualTo("identity.credentials_missing");
    }

    @Test
    void withoutRulesEveryAuthenticatedCallerMayCallEverything() throws Exception {
        Stage open = Policies.stage("""
                apiKeys:
                  owners: [{subject: s, keys: [{id: k, digest: "%s"}]}]
                """.formatted(ApiKeyDigests.sha256(FREE)), dir, new MutableClock(Instant.EPOCH));

        assertThat(Policies.run(open, Policies.chat("anything", "X-API-Key", FREE)).allowed()).isTrue();
        assertThat(Policies.run(open, Policies.chat("anything")).reason()).isEqualTo("identity.credentials_missing");
    }
}
