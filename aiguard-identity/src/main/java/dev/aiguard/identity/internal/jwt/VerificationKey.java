package dev.aiguard.identity.internal.jwt;

import java.security.Key;
import java.util.Objects;

/**
 * A key that may verify token signatures.
 *
 * @param kid       its key id, or {@code null}
 * @param key       a public key, or an HMAC secret
 * @param algorithm the one {@code alg} it is pinned to, or {@code null} for any algorithm its type fits
 * @param source    where it came from (for diagnostics)
 */
public record VerificationKey(String kid, Key key, String algorithm, String source) {

    public VerificationKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(source, "source");
    }

    /** Whether it may verify a token with header algorithm {@code alg}. */
    public boolean accepts(String alg) {
        return (algorithm == null || algorithm.equals(alg)) && JwtAlgorithms.compatible(alg, key);
    }

    @Override
    public String toString() {
        // Never print key material (HMAC secrets).
        return "VerificationKey[kid=" + kid + ", " + key.getAlgorithm() + ", alg=" + algorithm + ", from " + source + "]";
    }
}
