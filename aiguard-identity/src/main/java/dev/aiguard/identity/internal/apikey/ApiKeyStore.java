package dev.aiguard.identity.internal.apikey;

import dev.aiguard.api.ConfigProblems;
import dev.aiguard.api.Principal;
import dev.aiguard.identity.IdentityConfig;
import dev.aiguard.identity.internal.AuthException;
import dev.aiguard.identity.internal.AuthFailure;
import dev.aiguard.identity.internal.cache.CredentialDigest;
import dev.aiguard.identity.internal.cache.VerifiedCache;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * API keys by salted digest. A presented key is hashed with each stored key's salt and compared in constant time
 * ({@link java.security.MessageDigest#isEqual}); every stored key is tried, so the time taken does not tell which key
 * matched. Results are cached under the SHA-256 of the presented key, so the scan runs once per key and cache period.
 */
public final class ApiKeyStore {

    /** Most keys one owner may hold at once: the current one and the one being rotated in or out. */
    public static final int MAX_KEYS_PER_OWNER = 2;

    private final List<StoredKey> keys;
    private final byte[] hmacSecret;
    private final VerifiedCache<Match> cache;
    private final Duration cacheTtl;
    private final Clock clock;

    private ApiKeyStore(List<StoredKey> keys, byte[] hmacSecret, VerifiedCache<Match> cache, Duration cacheTtl,
                        Clock clock) {
        this.keys = keys;
        this.hmacSecret = hmacSecret;
        this.cache = cache;
        this.cacheTtl = cacheTtl;
        this.clock = clock;
    }

    /**
     * Builds the store from the policy's keys and a key file's.
     *
     * @throws IllegalArgumentException listing every problem
     */
    public static ApiKeyStore build(IdentityConfig.ApiKeys config, KeyFile file, IdentityConfig.Cache cacheConfig,
                                    Clock clock) {
        List<IdentityConfig.KeyOwner> owners = new ArrayList<>(config.owners());
        owners.addAll(file.owners());
        Set<String> revoked = new HashSet<>(config.revoked());
        revoked.addAll(file.revoked());
        List<String> problems = new ArrayList<>();
        check(owners, config.hmacSecret(), "apiKeys.owners", (path, message) -> problems.add(path + ": " + message));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        List<StoredKey> keys = new ArrayList<>();
        for (IdentityConfig.KeyOwner owner : owners) {
            for (IdentityConfig.ApiKey key : owner.keys()) {
                keys.add(new StoredKey(key.id(), KeyDigest.parse(key.digest()), principal(owner, key.id()),
                        revoked.contains(key.id())));
            }
        }
        byte[] secret = config.hmacSecret() == null ? null : config.hmacSecret().getBytes(StandardCharsets.UTF_8);
        return new ApiKeyStore(List.copyOf(keys), secret, new VerifiedCache<>(cacheConfig.maxEntries()),
                cacheConfig.maxTtl(), clock);
    }

    /** Reports problems of key owners: subjects, key count, unique ids, parsable digests, the HMAC secret. */
    public static void check(List<IdentityConfig.KeyOwner> owners, String hmacSecret, String path,
                             ConfigProblems problems) {
        Map<String, String> ids = new HashMap<>();
        for (int i = 0; i < owners.size(); i++) {
            IdentityConfig.KeyOwner owner = owners.get(i);
            String at = path + "[" + i + "]";
            problems.require(owner.subject() != null && !owner.subject().isBlank(), at + ".subject", "must not be empty");
            problems.require(!owner.keys().isEmpty(), at + ".keys", "must list at least one key");
            problems.require(owner.keys().size() <= MAX_KEYS_PER_OWNER, at + ".keys",
                    "at most " + MAX_KEYS_PER_OWNER + " keys per owner (current and rotating)");
            for (int k = 0; k < owner.keys().size(); k++) {
                checkKey(owner.keys().get(k), hmacSecret, at + ".keys[" + k + "]", ids, problems);
            }
        }
    }

    private static void checkKey(IdentityConfig.ApiKey key, String hmacSecret, String at, Map<String, String> ids,
                                 ConfigProblems problems) {
        if (key.id() == null || key.id().isBlank()) {
            problems.add(at + ".id", "must not be empty");
        } else if (ids.putIfAbsent(key.id(), at) != null) {
            problems.add(at + ".id", "duplicate key id '" + key.id() + "' (also at " + ids.get(key.id()) + ")");
        }
        try {
            KeyDigest digest = KeyDigest.parse(key.digest());
            problems.require(digest.scheme() != KeyDigest.Scheme.HMAC_SHA256
                            || (hmacSecret != null && !hmacSecret.isEmpty()), at + ".digest",
                    "an hmac-sha256 digest needs apiKeys.hmacSecret");
        } catch (IllegalArgumentException e) {
            problems.add(at + ".digest", e.getMessage());
        }
    }

    /**
     * The principal a presented key belongs to.
     *
     * @throws AuthException for unknown or revoked keys
     */
    public Principal authenticate(String presentedKey) {
        CredentialDigest digest = CredentialDigest.of(presentedKey);
        Instant now = clock.instant();
        Match match = cache.get(digest, now);
        if (match == null) {
            match = scan(presentedKey);
            if (match != null) {
                cache.put(digest, match, now.plus(cacheTtl));
            }
        }
        if (match == null) {
            throw new AuthException(AuthFailure.API_KEY_UNKNOWN);
        }
        if (match.revoked()) {
            throw new AuthException(AuthFailure.API_KEY_REVOKED, null, match.keyId());
        }
        return match.principal();
    }

    /** Number of stored keys (for diagnostics). */
    public int size() {
        return keys.size();
    }

    private Match scan(String presentedKey) {
        StoredKey found = null;
        for (StoredKey key : keys) {
            // No early exit: comparing against every key keeps the timing independent of which one matches.
            if (key.digest().matches(presentedKey, hmacSecret) && found == null) {
                found = key;
            }
        }
        return found == null ? null : new Match(found.id(), found.principal(), found.revoked());
    }

    private static Principal principal(IdentityConfig.KeyOwner owner, String keyId) {
        Map<String, String> attributes = new HashMap<>(owner.attributes());
        attributes.put("auth_method", "api_key");
        attributes.put("key_id", keyId);
        return new Principal(owner.subject(), owner.tenant(), Set.copyOf(owner.groups()), owner.tier(), attributes);
    }

    private record StoredKey(String id, KeyDigest digest, Principal principal, boolean revoked) {
    }

    private record Match(String keyId, Principal principal, boolean revoked) {
    }
}
