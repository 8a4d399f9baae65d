package dev.aiguard.identity;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Configuration of a {@code type: identity} stage, bound from the stage's keys in the policy. Every part is optional;
 * a stage with no credential source at all lets only anonymous requests through (where {@link #anonymous} allows).
 * Missing lists bind to empty lists and missing durations to their documented defaults.
 *
 * <p>Secrets (HMAC secrets, trust-store passwords) should come from {@code ${ENV}} substitution, never literally.
 * API keys appear only as digests (see {@link ApiKeyDigests}).
 *
 * @param realm     the {@code realm} of the {@code WWW-Authenticate} challenge; default {@code aiguard}
 * @param apiKeys   API-key authentication, or {@code null}
 * @param jwt       JWT bearer authentication, or {@code null}
 * @param mtls      mapping of mTLS client certificates to principals, or {@code null}
 * @param anonymous where requests without credentials may pass, or {@code null} to require credentials everywhere
 * @param access    per-identity allow rules (routes, methods, models); empty allows every authenticated caller
 *                  everything
 * @param cache     the cache of verified credentials
 */
public record IdentityConfig(String realm, ApiKeys apiKeys, Jwt jwt, Mtls mtls, Anonymous anonymous,
                             List<AccessRule> access, Cache cache) {

    /** Default realm of the challenge. */
    public static final String DEFAULT_REALM = "aiguard";

    public IdentityConfig {
        realm = realm == null || realm.isBlank() ? DEFAULT_REALM : realm;
        access = listOf(access);
        cache = cache == null ? new Cache(null, null) : cache;
    }

    /**
     * API keys, looked up by digest.
     *
     * @param headers    request headers that carry a key; default {@code [X-API-Key]}
     * @param bearer     whether {@code Authorization: Bearer <key>} may carry a key (a bearer value shaped like a JWT
     *                   goes to {@link Jwt} when that is configured); default true
     * @param hmacSecret secret for {@code hmac-sha256} digests (from {@code ${ENV}}); required if any digest is HMAC
     * @param file       a YAML or JSON file with further {@code owners} and {@code revoked} entries, resolved against
     *                   the policy directory
     * @param owners     who owns which keys
     * @param revoked    key ids that are no longer accepted
     */
    public record ApiKeys(List<String> headers, Boolean bearer, String hmacSecret, String file, List<KeyOwner> owners,
                          List<String> revoked) {
        public ApiKeys {
            headers = headers == null || headers.isEmpty() ? List.of("X-API-Key") : List.copyOf(headers);
            bearer = bearer == null || bearer;
            owners = listOf(owners);
            revoked = listOf(revoked);
        }

        @Override
        public String toString() {
            // Never print the HMAC secret.
            return "ApiKeys[headers=" + headers + ", bearer=" + bearer + ", hmacSecret=" + (hmacSecret == null ? "none" : "***")
                    + ", file=" + file + ", owners=" + owners + ", revoked=" + revoked + "]";
        }
    }

    /**
     * The principal behind one or two API keys. Two keys are allowed so that a key can be rotated without downtime:
     * add the new key, move callers over, then revoke or remove the old one.
     *
     * @param subject    the principal's subject
     * @param tenant     tenant, or {@code null}
     * @param groups     groups
     * @param tier       tier, or {@code null}
     * @param attributes further attributes
     * @param keys       the owner's keys: at most two
     */
    public record KeyOwner(String subject, String tenant, List<String> groups, String tier,
                           Map<String, String> attributes, List<ApiKey> keys) {
        public KeyOwner {
            groups = listOf(groups);
            attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
            keys = listOf(keys);
        }
    }

    /**
     * One API key, by digest.
     *
     * @param id     a non-secret id, unique across the stage (shows up in events and in {@code revoked})
     * @param digest {@code sha256:<salt>:<hash>} or {@code hmac-sha256:<salt>:<hash>} as made by {@link ApiKeyDigests}
     */
    public record ApiKey(String id, String digest) {
    }

    /**
     * JWT bearer tokens (JWS; JWE and unsecured tokens are refused).
     *
     * @param issuers        accepted {@code iss} values; empty accepts any issuer
     * @param audiences      accepted {@code aud} values (the token must name one); empty skips the check
     * @param algorithms     accepted {@code alg} values; default every supported one (HS256/384/512, RS256/384/512,
     *                       PS256/384/512, ES256/384/512, EdDSA)
     * @param clockSkew      tolerance for {@code exp}, {@code nbf} and {@code iat}; default 60 s
     * @param maxAge         if set, {@code iat} is required and may be at most this old
     * @param requiredClaims claims that must be present ({@code exp} and the subject claim always are)
     * @param claims         how claims map to the principal
     * @param keys           keys given inline: PEM public keys or certificates, or HMAC secrets
     * @param jwksFile       a JWKS file (public keys only), resolved against the policy directory
     * @param jwksUrl        a JWKS HTTPS endpoint (public keys only)
     */
    public record Jwt(List<String> issuers, List<String> audiences, List<String> algorithms, Duration clockSkew,
                      Duration maxAge, List<String> requiredClaims, Claims claims, List<JwtKey> keys, String jwksFile,
                      JwksUrl jwksUrl) {
        public Jwt {
            issuers = listOf(issuers);
            audiences = listOf(audiences);
            algorithms = listOf(algorithms);
            clockSkew = clockSkew == null ? Duration.ofSeconds(60) : clockSkew;
            requiredClaims = listOf(requiredClaims);
            claims = claims == null ? new Claims(null, null, null, null, null, null) : claims;
            keys = listOf(keys);
        }
    }

    /**
     * One inline JWT verification key: exactly one of {@code pem}, {@code pemFile}, {@code secret} and
     * {@code secretBase64}.
     *
     * @param kid          the key id tokens name in their header; may be omitted when it is the only key
     * @param algorithm    pins the key to one {@code alg}; default any algorithm matching the key type
     * @param pem          a PEM {@code PUBLIC KEY} or {@code CERTIFICATE}
     * @param pemFile      a file holding such a PEM, resolved against the policy directory
     * @param secret       an HMAC secret as text (UTF-8), from {@code ${ENV}}
     * @param secretBase64 an HMAC secret in Base64, from {@code ${ENV}}
     */
    public record JwtKey(String kid, String algorithm, String pem, String pemFile, String secret,
                         String secretBase64) {
        @Override
        public String toString() {
            // Never print secrets.
            return "JwtKey[kid=" + kid + ", algorithm=" + algorithm + ", pemFile=" + pemFile
                    + (secret != null || secretBase64 != null ? ", secret=***" : "") + "]";
        }
    }

    /**
     * A JWKS endpoint. Keys are cached and refreshed every {@code refreshInterval}; a token naming an unknown
     * {@code kid} triggers a refetch at most every {@code minRefetchInterval}; failed fetches back off exponentially up
     * to {@code maxBackoff} while the last good keys stay in use.
     *
     * @param url                the {@code https://} URL
     * @param trustStore         a PKCS12/JKS trust store or a PEM file of CA certificates; default the JDK's CAs
     * @param trustStorePassword its password (from {@code ${ENV}}), if any
     * @param trustStoreType     {@code PKCS12} (default) or {@code JKS}
     * @param refreshInterval    default 10 minutes
     * @param minRefetchInterval default 30 seconds
     * @param maxBackoff         default 10 minutes
     * @param timeout            connect and request timeout; default 2 seconds
     */
    public record JwksUrl(String url, String trustStore, String trustStorePassword, String trustStoreType,
                          Duration refreshInterval, Duration minRefetchInterval, Duration maxBackoff,
                          Duration timeout) {
        public JwksUrl {
            trustStoreType = trustStoreType == null ? "PKCS12" : trustStoreType;
            refreshInterval = refreshInterval == null ? Duration.ofMinutes(10) : refreshInterval;
            minRefetchInterval = minRefetchInterval == null ? Duration.ofSeconds(30) : minRefetchInterval;
            maxBackoff = maxBackoff == null ? Duration.ofMinutes(10) : maxBackoff;
            timeout = timeout == null ? Duration.ofSeconds(2) : timeout;
        }

        @Override
        public String toString() {
            return "JwksUrl[" + url + ", trustStore=" + trustStore + "]";
        }
    }

    /**
     * Which claims make up the principal.
     *
     * @param subject     default {@code sub}
     * @param tenant      default {@code tenant}
     * @param groups      an array of strings or a space-separated string (like {@code scope}); default {@code groups}
     * @param tier        default {@code tier}
     * @param defaultTier tier of tokens without the tier claim, or {@code null}
     * @param attributes  further claims copied into the principal's attributes
     */
    public record Claims(String subject, String tenant, String groups, String tier, String defaultTier,
                         List<String> attributes) {
        public Claims {
            subject = subject == null ? "sub" : subject;
            tenant = tenant == null ? "tenant" : tenant;
            groups = groups == null ? "groups" : groups;
            tier = tier == null ? "tier" : tier;
            attributes = listOf(attributes);
        }
    }

    /**
     * Principals for mTLS client certificates the adapter has already verified. Peers not listed give no identity.
     *
     * @param peers the accepted certificate subjects
     */
    public record Mtls(List<MtlsPeer> peers) {
        public Mtls {
            peers = listOf(peers);
        }
    }

    /**
     * One accepted client certificate, named by its subject DN or by one of its subject alternative names (exactly
     * one of the two).
     *
     * @param dn      the certificate's subject distinguished name, e.g. {@code CN=svc-a,O=Acme} (compared as X.500
     *                names, so spacing and attribute-name case do not matter), or {@code null}
     * @param san     a subject alternative name as {@code type:value}, e.g.
     *                {@code uri:spiffe://acme/ns/batch/sa/runner} or {@code dns:runner.acme.internal} (see
     *                {@link dev.aiguard.api.GuardRequest#tlsPeerNames()}), or {@code null}
     * @param subject the principal's subject; default the DN's CN (else the DN), or the SAN's value
     * @param tenant  tenant, or {@code null}
     * @param groups  groups
     * @param tier    tier, or {@code null}
     */
    public record MtlsPeer(String dn, String san, String subject, String tenant, List<String> groups, String tier) {
        public MtlsPeer {
            groups = listOf(groups);
        }
    }

    /**
     * Where requests without any credential may pass as the anonymous principal.
     *
     * @param routes  path globs ({@code *} within a segment, {@code **} across segments)
     * @param methods methods; empty allows every method
     * @param tier    the tier the anonymous principal gets (for budgets), or {@code null}
     */
    public record Anonymous(List<String> routes, List<String> methods, String tier) {
        public Anonymous {
            routes = listOf(routes);
            methods = listOf(methods);
        }
    }

    /**
     * An allow rule. It applies to a principal when every non-empty "who" list matches (subjects, tenants, groups,
     * tiers); it allows a request when every non-empty "what" list matches (routes, methods, models). A request is
     * allowed when some rule applying to its principal allows it. When a rule lists models, requests that name no
     * model do not match it.
     *
     * @param subjects subjects
     * @param tenants  tenants
     * @param groups   groups (any one of the principal's groups)
     * @param tiers    tiers
     * @param routes   path globs
     * @param methods  methods
     * @param models   model-name globs ({@code *} matches anything), matched against the body's {@code model}
     */
    public record AccessRule(List<String> subjects, List<String> tenants, List<String> groups, List<String> tiers,
                             List<String> routes, List<String> methods, List<String> models) {
        public AccessRule {
            subjects = listOf(subjects);
            tenants = listOf(tenants);
            groups = listOf(groups);
            tiers = listOf(tiers);
            routes = listOf(routes);
            methods = listOf(methods);
            models = listOf(models);
        }
    }

    /**
     * The bounded cache of verified credentials (keyed by a SHA-256 digest of the credential).
     *
     * @param maxEntries default 10,000
     * @param maxTtl     longest time an entry is trusted (a JWT entry also expires with its {@code exp}); default 5
     *                   minutes
     */
    public record Cache(Integer maxEntries, Duration maxTtl) {
        public Cache {
            maxEntries = maxEntries == null ? 10_000 : maxEntries;
            maxTtl = maxTtl == null ? Duration.ofMinutes(5) : maxTtl;
        }
    }

    private static <T> List<T> listOf(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
