package dev.aiguard.identity.internal.cache;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The SHA-256 digest of a presented credential, as four longs: a cheap, collision-resistant cache key that lets the
 * cache hold no credential. Its {@code toString} shows only a short prefix.
 */
public record CredentialDigest(long a, long b, long c, long d) {

    /** Never updated, only cloned: cloning skips the provider look-up of {@code getInstance} on the hot path. */
    private static final MessageDigest PROTOTYPE = sha256();

    /** Digests a credential (UTF-8). */
    public static CredentialDigest of(String credential) {
        MessageDigest sha;
        try {
            sha = (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            sha = sha256();
        }
        ByteBuffer hash = ByteBuffer.wrap(sha.digest(credential.getBytes(StandardCharsets.UTF_8)));
        return new CredentialDigest(hash.getLong(), hash.getLong(), hash.getLong(), hash.getLong());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "CredentialDigest[" + String.format("%08x", (int) (a >>> 32)) + "…]";
    }
}
