package dev.aiguard.identity.internal.apikey;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * A stored API-key digest: {@code sha256:<salt>:<hash>} where hash = SHA-256(salt || key), or
 * {@code hmac-sha256:<salt>:<hash>} where hash = HMAC-SHA256(secret, salt || key). Salt and hash are unpadded
 * Base64url. Only digests are ever stored; the key itself is never kept.
 *
 * @param scheme {@code sha256} or {@code hmac-sha256}
 * @param salt   the salt (16 bytes when made here)
 * @param hash   the 32-byte digest
 */
public record KeyDigest(Scheme scheme, byte[] salt, byte[] hash) {

    private static final int SALT_BYTES = 16;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    /** How the hash is made. */
    public enum Scheme {
        SHA256("sha256"),
        HMAC_SHA256("hmac-sha256");

        private final String label;

        Scheme(String label) {
            this.label = label;
        }

        /** The prefix used in the digest text. */
        public String label() {
            return label;
        }
    }

    public KeyDigest {
        Objects.requireNonNull(scheme, "scheme");
        salt = salt.clone();
        hash = hash.clone();
    }

    /**
     * Parses the text form.
     *
     * @throws IllegalArgumentException with a message that never echoes the text
     */
    public static KeyDigest parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("digest is missing");
        }
        String[] parts = text.trim().split(":", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("digest must look like sha256:<salt>:<hash> or hmac-sha256:<salt>:<hash>");
        }
        Scheme scheme = switch (parts[0]) {
            case "sha256" -> Scheme.SHA256;
            case "hmac-sha256" -> Scheme.HMAC_SHA256;
            default -> throw new IllegalArgumentException("unknown digest scheme (expected sha256 or hmac-sha256)");
        };
        byte[] salt;
        byte[] hash;
        try {
            salt = B64D.decode(parts[1]);
            hash = B64D.decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("digest salt and hash must be Base64url");
        }
        if (salt.length < 8) {
            throw new IllegalArgumentException("digest salt must be at least 8 bytes");
        }
        if (hash.length != 32) {
            throw new IllegalArgumentException("digest hash must be 32 bytes");
        }
        return new KeyDigest(scheme, salt, hash);
    }

    /** Makes a digest of {@code key} with a fresh random salt; {@code hmacSecret} is required for HMAC. */
    public static KeyDigest create(Scheme scheme, String key, byte[] hmacSecret, SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return new KeyDigest(scheme, salt, compute(scheme, salt, key, hmacSecret));
    }

    /** Whether {@code presentedKey} hashes to this digest, compared in constant time. */
    public boolean matches(String presentedKey, byte[] hmacSecret) {
        return MessageDigest.isEqual(hash, compute(scheme, salt, presentedKey, hmacSecret));
    }

    /** A short, non-secret fingerprint of the stored hash, for logs. */
    public String fingerprint() {
        return B64.encodeToString(hash).substring(0, 8);
    }

    /** The text form. */
    public String text() {
        return scheme.label() + ":" + B64.encodeToString(salt) + ":" + B64.encodeToString(hash);
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyDigest d && scheme == d.scheme && MessageDigest.isEqual(salt, d.salt)
                && MessageDigest.isEqual(hash, d.hash);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return "KeyDigest[" + scheme.label() + ", " + fingerprint() + "…]";
    }

    private static byte[] compute(Scheme scheme, byte[] salt, String key, byte[] hmacSecret) {
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        try {
            if (scheme == Scheme.SHA256) {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                sha.update(salt);
                return sha.digest(keyBytes);
            }
            if (hmacSecret == null || hmacSecret.length == 0) {
                throw new IllegalStateException("an hmac-sha256 digest needs the HMAC secret");
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(hmacSecret, "HmacSHA256"));
            mac.update(salt);
            return mac.doFinal(keyBytes);
        } catch (GeneralSecurityException e) {
            // SHA-256 and HmacSHA256 are mandatory in every JDK.
            throw new IllegalStateException("JDK lacks SHA-256/HmacSHA256", e);
        }
    }
}
