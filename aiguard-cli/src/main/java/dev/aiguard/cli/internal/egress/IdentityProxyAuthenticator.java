package dev.aiguard.cli.internal.egress;

import dev.aiguard.api.ConfiguredStage;
import dev.aiguard.api.Guard;
import dev.aiguard.api.GuardConfig;
import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.Headers;
import dev.aiguard.api.Mode;
import dev.aiguard.api.Policy;
import dev.aiguard.api.Principal;
import dev.aiguard.api.StageContext;
import dev.aiguard.api.Verdict;
import dev.aiguard.identity.IdentityConfig;
import dev.aiguard.identity.IdentityStageFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Proxy authentication through the policy's identity stage: API keys (and JWTs) are verified exactly as for inbound
 * requests, and the key's owner becomes the workload. {@code Proxy-Authorization: Bearer <key>} or
 * {@code Basic base64(workload:<key>)} (the user name is ignored: the key alone says who calls, so a caller cannot
 * claim another workload's rules). The stage's route access rules and anonymous routes do not apply to the proxy
 * (they describe inbound routes); credentials are always required.
 */
public final class IdentityProxyAuthenticator implements ProxyAuthenticator, AutoCloseable {

    private final Guard identity;

    private IdentityProxyAuthenticator(Guard identity) {
        this.identity = identity;
    }

    /**
     * The authenticator of a policy's first {@code identity} stage, or empty when the policy has none.
     *
     * @throws Exception when the stage cannot be built
     */
    public static Optional<IdentityProxyAuthenticator> fromPolicy(Policy policy) throws Exception {
        Optional<Policy.StageSpec> spec = policy.stages().stream()
                .filter(s -> IdentityStageFactory.TYPE.equals(s.type())).findFirst();
        if (spec.isEmpty() || !(spec.get().config() instanceof IdentityConfig c)) {
            return Optional.empty();
        }
        IdentityConfig proxyConfig = new IdentityConfig(c.realm(), c.apiKeys(), c.jwt(), c.mtls(), null, List.of(),
                c.cache());
        Path base = policy.sources().isEmpty() ? Path.of("").toAbsolutePath()
                : policy.sources().get(0).toAbsolutePath().getParent();
        StageContext context = new StageContext("proxy-identity", Mode.ENFORCE, Map.of(), base, policy.version());
        ConfiguredStage stage = ConfiguredStage.of("proxy-identity",
                new IdentityStageFactory().create(proxyConfig, context));
        return Optional.of(new IdentityProxyAuthenticator(Guard.create(GuardConfig.builder()
                .version(policy.version()).stage(stage).build())));
    }

    @Override
    public Principal authenticate(String proxyAuthorization) {
        String key = credential(proxyAuthorization);
        if (key == null) {
            return null;
        }
        GuardRequest request = GuardRequest.builder().method("CONNECT").path("/")
                .headers(Headers.of("Authorization", "Bearer " + key)).build();
        Verdict verdict = identity.inspect(request);
        if (verdict.blocked()) {
            return null;
        }
        Principal p = verdict.exchange().principal();
        return p == null || p.isAnonymous() ? null : p;
    }

    /** The key in {@code Bearer <key>} or the password of {@code Basic user:key}; null when absent or malformed. */
    static String credential(String header) {
        if (header == null) {
            return null;
        }
        String h = header.trim();
        if (h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String key = h.substring(7).trim();
            return key.isEmpty() ? null : key;
        }
        if (h.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(h.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                String key = colon < 0 ? "" : decoded.substring(colon + 1);
                return key.isEmpty() ? null : key;
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    @Override
    public void close() {
        identity.close();
    }
}
