package dev.aiguard.identity.internal.jwt;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiguard.api.Principal;
import dev.aiguard.identity.IdentityConfig;
import dev.aiguard.identity.internal.AuthException;
import dev.aiguard.identity.internal.AuthFailure;
import dev.aiguard.identity.internal.cache.CredentialDigest;
import dev.aiguard.identity.internal.cache.VerifiedCache;
import io.jsonwebtoken.ClaimJwtException;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.JweHeader;
import io.jsonwebtoken.JwsHeader;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.LocatorAdapter;
import io.jsonwebtoken.MalformedJwtException;
import io.jsonwebtoken.PrematureJwtException;
import io.jsonwebtoken.io.DecodingException;
import io.jsonwebtoken.io.DeserializationException;
import io.jsonwebtoken.security.KeyException;
import io.jsonwebtoken.security.SignatureException;

import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Verifies JWS bearer tokens with jjwt and maps their claims to a principal. Verified tokens are cached under the
 * SHA-256 of the token until {@code exp} (plus skew), at most the cache's {@code maxTtl}.
 */
public final class JwtVerifier {

    private static final int MAX_GROUPS = 256;
    private static final int MAX_ATTRIBUTE_CHARS = 256;

    private final IdentityConfig.Jwt config;
    private final List<KeySource> sources;
    private final Set<String> allowed;
    private final JwtParser parser;
    private final ObjectMapper json = new ObjectMapper();
    private final VerifiedCache<Principal> cache;
    private final Duration maxTtl;
    private final Clock clock;

    public JwtVerifier(IdentityConfig.Jwt config, List<KeySource> sources, IdentityConfig.Cache cacheConfig,
                       Clock clock) {
        this.config = config;
        this.sources = List.copyOf(sources);
        this.allowed = Set.copyOf(config.algorithms().isEmpty() ? JwtAlgorithms.SUPPORTED : config.algorithms());
        this.cache = new VerifiedCache<>(cacheConfig.maxEntries());
        this.maxTtl = cacheConfig.maxTtl();
        this.clock = clock;
        this.parser = Jwts.parser()
                .keyLocator(new KeyLocator())
                .clock(() -> Date.from(clock.instant()))
                .clockSkewSeconds(config.clockSkew().toSeconds())
                .sig().clear().add(JwtAlgorithms.jjwtAlgorithms(List.copyOf(allowed))).and()
                .zip().clear().and()
                .build();
    }

    /**
     * The principal a token stands for.
     *
     * @throws AuthException when the token is refused (the message never contains the token)
     */
    public Principal verify(String token) {
        if (token.length() > TokenShape.MAX_CHARS) {
            throw new AuthException(AuthFailure.TOKEN_MALFORMED, "too long", null);
        }
        CredentialDigest digest = CredentialDigest.of(token);
        Instant now = clock.instant();
        Principal cached = cache.get(digest, now);
        if (cached != null) {
            return cached;
        }
        TokenShape shape = TokenShape.check(token, allowed, json);
        Claims claims = parse(token, shape);
        Principal principal;
        Instant expires;
        try {
            expires = checkClaims(claims, now, shape.kid());
            principal = principal(claims, shape.kid());
        } catch (AuthException e) {
            throw e;
        } catch (RuntimeException e) {
            // A claim of the wrong type (e.g. "iat": "yesterday").
            throw new AuthException(AuthFailure.TOKEN_CLAIMS, null, shape.kid());
        }
        cache.put(digest, principal, expires);
        return principal;
    }

    private Claims parse(String token, TokenShape shape) {
        try {
            return parser.parseSignedClaims(token).getPayload();
        } catch (AuthException e) {
            throw e;
        } catch (ExpiredJwtException e) {
            throw new AuthException(AuthFailure.TOKEN_EXPIRED, null, shape.kid());
        } catch (PrematureJwtException e) {
            throw new AuthException(AuthFailure.TOKEN_NOT_YET_VALID, null, shape.kid());
        } catch (ClaimJwtException e) {
            throw new AuthException(AuthFailure.TOKEN_CLAIMS, null, shape.kid());
        } catch (SignatureException e) {
            throw new AuthException(AuthFailure.TOKEN_SIGNATURE, null, shape.kid());
        } catch (KeyException e) {
            throw new AuthException(AuthFailure.TOKEN_ALGORITHM, null, shape.kid());
        } catch (MalformedJwtException | DecodingException | DeserializationException e) {
            throw new AuthException(AuthFailure.TOKEN_MALFORMED);
        } catch (RuntimeException e) {
            // Anything else jjwt refuses (unsupported token types, bad headers): never echo its message.
            throw new AuthException(AuthFailure.TOKEN_INVALID);
        }
    }

    /** Checks what jjwt does not; returns when the cached verification must expire. */
    private Instant checkClaims(Claims claims, Instant now, String kid) {
        Duration skew = config.clockSkew();
        Date exp = claims.getExpiration();
        if (exp == null) {
            throw new AuthException(AuthFailure.TOKEN_CLAIMS, "exp is required", kid);
        }
        Instant expires = exp.toInstant().plus(skew);
        Date iat = claims.getIssuedAt();
        if (iat != null && iat.toInstant().isAfter(now.plus(skew))) {
            throw new AuthException(AuthFailure.TOKEN_NOT_YET_VALID, "iat is in the future", kid);
        }
        if (config.maxAge() != null) {
            if (iat == null) {
                throw new AuthException(AuthFailure.TOKEN_CLAIMS, "iat is required", kid);
            }
            Instant tooOld = iat.toInstant().plus(config.maxAge()).plus(skew);
            if (!now.isBefore(tooOld)) {
                throw new AuthException(AuthFailure.TOKEN_EXPIRED, "older than maxAge", kid);
            }
            expires = earliest(expires, tooOld);
        }
        String issuer = claims.getIssuer();
        if (!config.issuers().isEmpty() && (issuer == null || !config.issuers().contains(issuer))) {
            throw new AuthException(AuthFailure.TOKEN_ISSUER, null, kid);
        }
        if (!config.audiences().isEmpty()) {
            Set<String> audience = claims.getAudience();
            if (audience == null || audience.stream().noneMatch(config.audiences()::contains)) {
                throw new AuthException(AuthFailure.TOKEN_AUDIENCE, null, kid);
            }
        }
        for (String required : config.requiredClaims()) {
            if (claims.get(required) == null) {
                throw new AuthException(AuthFailure.TOKEN_CLAIMS, required + " is required", kid);
            }
        }
        return earliest(expires, now.plus(maxTtl));
    }

    private Principal principal(Claims claims, String kid) {
        IdentityConfig.Claims mapping = config.claims();
        Object subject = claims.get(mapping.subject());
        if (!(subject instanceof String s) || s.isEmpty()) {
            throw new AuthException(AuthFailure.TOKEN_CLAIMS, mapping.subject() + " is required", kid);
        }
        Map<String, String> attributes = new HashMap<>();
        for (String name : mapping.attributes()) {
            String value = text(claims.get(name));
            if (value != null) {
                attributes.put(name, value);
            }
        }
        attributes.put("auth_method", "jwt");
        if (kid != null) {
            attributes.put("key_id", bounded(kid));
        }
        if (claims.getIssuer() != null) {
            attributes.put("iss", bounded(claims.getIssuer()));
        }
        String tier = text(claims.get(mapping.tier()));
        return new Principal(s, text(claims.get(mapping.tenant())), groups(claims.get(mapping.groups())),
                tier != null ? tier : mapping.defaultTier(), attributes);
    }

    private static Set<String> groups(Object value) {
        Set<String> groups = new LinkedHashSet<>();
        if (value instanceof String s) {
            for (String g : s.trim().split("\\s+")) {
                if (!g.isEmpty() && groups.size() < MAX_GROUPS) {
                    groups.add(bounded(g));
                }
            }
        } else if (value instanceof Collection<?> list) {
            for (Object g : list) {
                if (g instanceof String s && !s.isEmpty() && groups.size() < MAX_GROUPS) {
                    groups.add(bounded(s));
                }
            }
        }
        return groups;
    }

    private static String text(Object value) {
        if (value instanceof String s) {
            return bounded(s);
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return null;
    }

    private static String bounded(String s) {
        return s.length() > MAX_ATTRIBUTE_CHARS ? s.substring(0, MAX_ATTRIBUTE_CHARS) : s;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** Picks the verification key by {@code kid}, refusing keys whose type does not fit the header's algorithm. */
    private final class KeyLocator extends LocatorAdapter<Key> {

        @Override
        protected Key locate(JwsHeader header) {
            String alg = header.getAlgorithm();
            String kid = header.getKeyId();
            List<VerificationKey> candidates = new ArrayList<>(2);
            for (KeySource source : sources) {
                candidates.addAll(kid == null ? source.all() : source.byKid(kid));
            }
            if (candidates.isEmpty()) {
                throw new AuthException(AuthFailure.TOKEN_UNKNOWN_KEY, kid == null ? "token names no kid" : null, null);
            }
            List<VerificationKey> fitting = candidates.stream().filter(k -> k.accepts(alg)).toList();
            if (fitting.isEmpty()) {
                // The key exists but is of another type or pinned to another algorithm: algorithm confusion.
                throw new AuthException(AuthFailure.TOKEN_ALGORITHM, null, kid);
            }
            if (kid == null && fitting.size() > 1) {
                throw new AuthException(AuthFailure.TOKEN_UNKNOWN_KEY, "token names no kid", null);
            }
            return JwtAlgorithms.forAlgorithm(alg, fitting.get(0).key());
        }

        @Override
        protected Key locate(JweHeader header) {
            throw new AuthException(AuthFailure.TOKEN_INVALID, "encrypted tokens are not accepted", null);
        }
    }
}
