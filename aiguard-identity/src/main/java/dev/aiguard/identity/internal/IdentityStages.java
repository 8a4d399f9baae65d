package dev.aiguard.identity.internal;

import dev.aiguard.api.ConfigProblems;
import dev.aiguard.api.StageContext;
import dev.aiguard.identity.IdentityConfig;
import dev.aiguard.identity.internal.apikey.ApiKeyStore;
import dev.aiguard.identity.internal.apikey.KeyFile;
import dev.aiguard.identity.internal.jwt.JwtAlgorithms;
import dev.aiguard.identity.internal.jwt.JwtVerifier;
import dev.aiguard.identity.internal.jwt.KeySource;
import dev.aiguard.identity.internal.jwt.RemoteJwks;
import dev.aiguard.identity.internal.jwt.StaticKeys;
import dev.aiguard.identity.internal.jwt.TrustStores;

import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Validates identity configurations and builds identity stages from them. */
public final class IdentityStages {

    private IdentityStages() {
    }

    /** Reports every problem of {@code config}, with paths relative to the stage. */
    public static void validate(IdentityConfig config, ConfigProblems problems) {
        if (config.apiKeys() != null) {
            ApiKeyStore.check(config.apiKeys().owners(), config.apiKeys().hmacSecret(), "apiKeys.owners", problems);
            for (int i = 0; i < config.apiKeys().headers().size(); i++) {
                String header = config.apiKeys().headers().get(i);
                problems.require(header != null && !header.isBlank() && !header.equalsIgnoreCase("Authorization"),
                        "apiKeys.headers[" + i + "]", "must be a header name other than Authorization (use bearer: true)");
            }
        }
        if (config.jwt() != null) {
            validateJwt(config.jwt(), problems);
        }
        if (config.mtls() != null) {
            for (int i = 0; i < config.mtls().peers().size(); i++) {
                IdentityConfig.MtlsPeer peer = config.mtls().peers().get(i);
                String at = "mtls.peers[" + i + "]";
                if ((peer.dn() == null) == (peer.san() == null)) {
                    problems.require(false, at, "must name exactly one of dn and san");
                } else if (peer.dn() != null) {
                    problems.require(MtlsPeers.isValidDn(peer.dn()), at + ".dn",
                            "must be an X.500 name such as CN=svc-a,O=Acme");
                } else {
                    problems.require(MtlsPeers.isValidSan(peer.san()), at + ".san",
                            "must be type:value with type dns, uri, ip or email, e.g. uri:spiffe://acme/ns/batch/sa/runner");
                }
            }
        }
        if (config.anonymous() != null) {
            problems.require(!config.anonymous().routes().isEmpty(), "anonymous.routes",
                    "must list the routes anonymous callers may use");
            checkGlobs(config.anonymous().routes(), "anonymous.routes", problems);
        }
        for (int i = 0; i < config.access().size(); i++) {
            checkGlobs(config.access().get(i).routes(), "access[" + i + "].routes", problems);
        }
        problems.require(config.cache().maxEntries() >= 0, "cache.maxEntries", "must be >= 0");
        positive(config.cache().maxTtl(), "cache.maxTtl", problems);
    }

    private static void validateJwt(IdentityConfig.Jwt jwt, ConfigProblems problems) {
        for (int i = 0; i < jwt.algorithms().size(); i++) {
            String alg = jwt.algorithms().get(i);
            problems.require(JwtAlgorithms.SUPPORTED.contains(alg), "jwt.algorithms[" + i + "]",
                    "unsupported algorithm '" + alg + "' (supported: " + JwtAlgorithms.SUPPORTED + ")");
        }
        problems.require(!jwt.clockSkew().isNegative() && jwt.clockSkew().compareTo(Duration.ofMinutes(10)) <= 0,
                "jwt.clockSkew", "must be between 0 and 10m");
        if (jwt.maxAge() != null) {
            positive(jwt.maxAge(), "jwt.maxAge", problems);
        }
        problems.require(!jwt.keys().isEmpty() || jwt.jwksFile() != null || jwt.jwksUrl() != null, "jwt",
                "needs keys, jwksFile or jwksUrl");
        StaticKeys.check(jwt.keys(), problems);
        IdentityConfig.JwksUrl url = jwt.jwksUrl();
        if (url != null) {
            URI uri = parseUri(url.url());
            problems.require(uri != null && "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null,
                    "jwt.jwksUrl.url", "must be an https:// URL");
            positive(url.refreshInterval(), "jwt.jwksUrl.refreshInterval", problems);
            positive(url.minRefetchInterval(), "jwt.jwksUrl.minRefetchInterval", problems);
            positive(url.maxBackoff(), "jwt.jwksUrl.maxBackoff", problems);
            positive(url.timeout(), "jwt.jwksUrl.timeout", problems);
            problems.require(List.of("PKCS12", "JKS").contains(url.trustStoreType()), "jwt.jwksUrl.trustStoreType",
                    "must be PKCS12 or JKS");
        }
    }

    /**
     * Builds the stage. Reads key files, trust stores and the first JWKS.
     *
     * @throws IllegalArgumentException listing every configuration problem
     */
    public static IdentityStage create(IdentityConfig config, StageContext context, Clock clock)
            throws IOException, GeneralSecurityException {
        List<String> problems = new ArrayList<>();
        validate(config, (path, message) -> problems.add(path + ": " + message));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        ApiKeyStore apiKeys = null;
        if (config.apiKeys() != null) {
            KeyFile file = config.apiKeys().file() == null ? KeyFile.empty()
                    : KeyFile.read(context.resolve(config.apiKeys().file()));
            apiKeys = ApiKeyStore.build(config.apiKeys(), file, config.cache(), clock);
        }
        JwtVerifier jwt = null;
        if (config.jwt() != null) {
            List<KeySource> sources = new ArrayList<>(2);
            sources.add(StaticKeys.load(config.jwt(), context::resolve));
            IdentityConfig.JwksUrl url = config.jwt().jwksUrl();
            if (url != null) {
                sources.add(RemoteJwks.start(url, TrustStores.sslContext(
                        url.trustStore() == null ? null : context.resolve(url.trustStore()),
                        url.trustStorePassword(), url.trustStoreType()), clock));
            }
            jwt = new JwtVerifier(config.jwt(), sources, config.cache(), clock);
        }
        MtlsPeers mtls = config.mtls() == null ? null : MtlsPeers.compile(config.mtls().peers());
        return new IdentityStage(context.name(), config, apiKeys, jwt, mtls, config.anonymous());
    }

    private static void checkGlobs(List<String> globs, String path, ConfigProblems problems) {
        for (int i = 0; i < globs.size(); i++) {
            String glob = globs.get(i);
            problems.require(glob != null && glob.startsWith("/"), path + "[" + i + "]", "must start with /");
        }
    }

    private static void positive(Duration d, String path, ConfigProblems problems) {
        problems.require(d != null && !d.isNegative() && !d.isZero(), path, "must be > 0");
    }

    private static URI parseUri(String text) {
        try {
            return text == null ? null : URI.create(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
