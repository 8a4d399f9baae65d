package dev.aiguard.identity.internal.cache;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class VerifiedCacheTest {

    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void returnsValuesUntilTheyExpire() {
        VerifiedCache<String> cache = new VerifiedCache<>(10);
        CredentialDigest key = CredentialDigest.of("token-a");
        cache.put(key, "alice", NOW.plusSeconds(60));

        assertThat(cache.get(key, NOW)).isEqualTo("alice");
        assertThat(cache.get(key, NOW.plusSeconds(59))).isEqualTo("alice");
        assertThat(cache.get(key, NOW.plusSeconds(60))).isNull();
        assertThat(cache.size()).isZero();
    }

    @Test
    void evictsTheLeastRecentlyUsedEntryWhenFull() {
        VerifiedCache<String> cache = new VerifiedCache<>(2);
        CredentialDigest a = CredentialDigest.of("a");
        CredentialDigest b = CredentialDigest.of("b");
        CredentialDigest c = CredentialDigest.of("c");
        cache.put(a, "A", NOW.plusSeconds(60));
        cache.put(b, "B", NOW.plusSeconds(60));
        cache.get(a, NOW);

        cache.put(c, "C", NOW.plusSeconds(60));

        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get(a, NOW)).isEqualTo("A");
        assertThat(cache.get(b, NOW)).isNull();
        assertThat(cache.get(c, NOW)).isEqualTo("C");
    }

    @Test
    void sizeZeroDisablesCaching() {
        VerifiedCache<String> cache = new VerifiedCache<>(0);
        CredentialDigest a = CredentialDigest.of("a");
        cache.put(a, "A", NOW.plusSeconds(60));

        assertThat(cache.get(a, NOW)).isNull();
    }

    @Test
    void digestsAreEqualForEqualCredentialsAndPrintOnlyAPrefix() {
        CredentialDigest a = CredentialDigest.of("secret-token-value");

        assertThat(a).isEqualTo(CredentialDigest.of("secret-token-value")).isNotEqualTo(CredentialDigest.of("other"));
        assertThat(a.toString()).doesNotContain("secret").matches("CredentialDigest\\[[0-9a-f]{8}…]");
    }

    @Test
    void staysBoundedUnderManyDistinctCredentials() {
        VerifiedCache<Integer> cache = new VerifiedCache<>(100);
        for (int i = 0; i < 10_000; i++) {
            cache.put(CredentialDigest.of("t" + i), i, NOW.plusSeconds(60));
        }

        assertThat(cache.size()).isEqualTo(100);
        assertThat(cache.get(CredentialDigest.of("t9999"), NOW)).isEqualTo(9999);
    }
}
