package dev.aiguard.identity.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiguard.api.Block;
import dev.aiguard.api.Exchange;
import dev.aiguard.api.Finding;
import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.Param;
import dev.aiguard.api.Principal;
import dev.aiguard.api.Stage;
import dev.aiguard.api.StageOutcome;
import dev.aiguard.identity.IdentityConfig;
import dev.aiguard.identity.internal.access.AccessDecision;
import dev.aiguard.identity.internal.access.AccessPolicy;
import dev.aiguard.identity.internal.access.Glob;
import dev.aiguard.identity.internal.access.PathNormalizer;
import dev.aiguard.identity.internal.apikey.ApiKeyStore;
import dev.aiguard.identity.internal.jwt.JwtVerifier;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The identity stage: finds the caller's credential (bearer token, API-key header, mTLS peer), verifies it, sets the
 * exchange's principal, then applies the per-identity access rules. Refusals are 401 with an RFC 6750 challenge or
 * 403; findings name the reason and, at most, the id of the key involved, never the credential.
 */
public final class IdentityStage implements Stage {

    private static final List<String> TAGS = List.of("identity");
    private static final String AUTHORIZATION = "Authorization";
    private static final int MAX_MODEL_CHARS = 256;

    private final String name;
    private final ApiKeyStore apiKeys;
    private final List<String> apiKeyHeaders;
    private final boolean bearerApiKeys;
    private final JwtVerifier jwt;
    private final MtlsPeers mtls;
    private final Anonymous anonymous;
    private final AccessPolicy access;
    private final Challenge challenge;

    /**
     * @param apiKeys   API keys, or {@code null}
     * @param jwt       JWT verification, or {@code null}
     * @param mtls      mTLS peers, or {@code null}
     * @param anonymous where anonymous requests may pass, or {@code null}
     */
    public IdentityStage(String name, IdentityConfig config, ApiKeyStore apiKeys, JwtVerifier jwt, MtlsPeers mtls,
                         IdentityConfig.Anonymous anonymous) {
        this.name = name;
        this.apiKeys = apiKeys;
        this.apiKeyHeaders = config.apiKeys() == null ? List.of() : config.apiKeys().headers();
        this.bearerApiKeys = config.apiKeys() != null && config.apiKeys().bearer();
        this.jwt = jwt;
        this.mtls = mtls;
        this.anonymous = anonymous == null ? null : Anonymous.compile(anonymous);
        this.access = AccessPolicy.compile(config.access());
        this.challenge = new Challenge(config.realm());
    }

    @Override
    public StageOutcome inspect(Exchange exchange) {
        GuardRequest request = exchange.request();
        String path = PathNormalizer.normalize(request.path());
        Principal principal;
        String target;
        try {
            Credential credential = credential(request);
            target = credential == null ? "" : credential.target();
            principal = credential == null ? anonymousOrRefuse(request, path) : authenticate(credential, request);
        } catch (AuthException e) {
            return refuse(e, targetOf(request));
        }
        exchange.principal(principal);
        if (anonymous != null && principal == anonymous.principal()) {
            return StageOutcome.pass();
        }
        AccessDecision decision = access.decide(principal, request.method(), path, () -> model(request));
        return switch (decision) {
            case ALLOWED -> StageOutcome.pass();
            case ROUTE_FORBIDDEN -> refuse(new AuthException(AuthFailure.ROUTE_FORBIDDEN, null, keyId(principal)), target);
            case MODEL_FORBIDDEN -> refuse(new AuthException(AuthFailure.MODEL_FORBIDDEN, null, keyId(principal)), target);
        };
    }

    private Principal authenticate(Credential credential, GuardRequest request) {
        return switch (credential.kind()) {
            case JWT -> jwt.verify(credential.value());
            case API_KEY -> apiKeys.authenticate(credential.value());
            case MTLS -> mtls.principal(request).orElseThrow();
        };
    }

    /**
     * The credential to verify, in order: the {@code Authorization: Bearer} value, an API-key header, the mTLS peer.
     * Non-bearer {@code Authorization} schemes and unlisted peers count as no credential.
     */
    private Credential credential(GuardRequest request) {
        List<String> authorization = request.headers().all(AUTHORIZATION);
        if (authorization.size() > 1) {
            throw new AuthException(AuthFailure.TOKEN_MALFORMED, "more than one Authorization header", null);
        }
        if (authorization.size() == 1) {
            Credential bearer = bearer(authorization.get(0));
            if (bearer != null) {
                return bearer;
            }
        }
        if (apiKeys != null) {
            for (String header : apiKeyHeaders) {
                Optional<String> value = request.headers().first(header);
                if (value.isPresent()) {
                    return new Credential(Kind.API_KEY, value.get().trim(), "REQUEST_HEADERS:" + header);
                }
            }
        }
        if (mtls != null && mtls.principal(request).isPresent()) {
            return new Credential(Kind.MTLS, request.tlsPeer().orElse(""), "TLS_CLIENT_CERT");
        }
        return null;
    }

    private Credential bearer(String header) {
        String value = header.trim();
        if (value.length() < 6 || !value.regionMatches(true, 0, "Bearer", 0, 6)
                || (value.length() > 6 && value.charAt(6) != ' ')) {
            return null;
        }
        String token = value.substring(6).trim();
        if (token.isEmpty() || token.indexOf(' ') >= 0) {
            throw new AuthException(AuthFailure.TOKEN_MALFORMED, token.isEmpty() ? "empty bearer token"
                    : "bearer token contains spaces", null);
        }
        String target = "REQUEST_HEADERS:" + AUTHORIZATION;
        boolean jwtShaped = token.chars().filter(c -> c == '.').count() == 2;
        if (jwt != null && (jwtShaped || apiKeys == null || !bearerApiKeys)) {
            return new Credential(Kind.JWT, token, target);
        }
        if (apiKeys != null && bearerApiKeys) {
            return new Credential(Kind.API_KEY, token, target);
        }
        return null;
    }

    private Principal anonymousOrRefuse(GuardRequest request, String path) {
        if (anonymous != null && anonymous.allows(request.method(), path)) {
            return anonymous.principal();
        }
        throw new AuthException(AuthFailure.CREDENTIALS_MISSING);
    }

    private StageOutcome refuse(AuthException e, String target) {
        AuthFailure failure = e.failure();
        String message = failure.description() + (e.detail() == null ? "" : ": " + e.detail());
        String excerpt = e.keyId() == null ? "" : "key_id=" + Challenge.quotable(e.keyId());
        Finding finding = new Finding(name, failure.ruleId(), failure.severity(), message, target, excerpt, 0, TAGS);
        Block block = failure.httpStatus() == 401
                ? new Block(401, 16, failure.ruleId(), List.of(failure.ruleId()), null,
                        Map.of("WWW-Authenticate", challenge.header(failure, e.detail())))
                : new Block(403, 7, failure.ruleId(), List.of(failure.ruleId()), null, Map.of());
        return StageOutcome.block(block, List.of(finding));
    }

    private String targetOf(GuardRequest request) {
        if (request.headers().contains(AUTHORIZATION)) {
            return "REQUEST_HEADERS:" + AUTHORIZATION;
        }
        for (String header : apiKeyHeaders) {
            if (request.headers().contains(header)) {
                return "REQUEST_HEADERS:" + header;
            }
        }
        return "";
    }

    private static String keyId(Principal principal) {
        return principal.attributes().get("key_id");
    }

    /**
     * The model the request names: the JSON body's {@code model}, else a form field {@code model}. Names longer than
     * {@link #MAX_MODEL_CHARS} count as naming none (no real model name is that long, and it bounds glob matching).
     */
    static String model(GuardRequest request) {
        JsonNode model = request.json().asTree().map(tree -> tree.get("model")).orElse(null);
        String name = null;
        if (model != null) {
            name = model.isTextual() ? model.textValue() : null;
        } else {
            for (Param p : request.formArgs()) {
                if (p.name().equals("model")) {
                    name = p.value();
                    break;
                }
            }
        }
        return name == null || name.length() > MAX_MODEL_CHARS ? null : name;
    }

    @Override
    public String toString() {
        return "IdentityStage[" + name + "]";
    }

    private enum Kind { JWT, API_KEY, MTLS }

    /** A presented credential. {@code toString} never shows the value. */
    private record Credential(Kind kind, String value, String target) {
        @Override
        public String toString() {
            return "Credential[" + kind + " from " + target + "]";
        }
    }

    /** The anonymous allowance, compiled. */
    private record Anonymous(List<Glob> routes, Set<String> methods, Principal principal) {

        static Anonymous compile(IdentityConfig.Anonymous config) {
            Principal principal = config.tier() == null ? Principal.anonymous()
                    : new Principal("anonymous", null, Set.of(), config.tier(), Map.of("auth_method", "anonymous"));
            return new Anonymous(config.routes().stream().map(Glob::path).toList(),
                    Set.copyOf(config.methods().stream().map(m -> m.toUpperCase(Locale.ROOT)).toList()), principal);
        }

        boolean allows(String method, String path) {
            return (methods.isEmpty() || methods.contains(method)) && routes.stream().anyMatch(g -> g.matches(path));
        }
    }
}
