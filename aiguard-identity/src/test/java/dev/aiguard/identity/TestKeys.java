package dev.aiguard.identity;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.SecureDigestAlgorithm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Keys generated once per test run, by algorithm, and helpers to write them as PEM. */
final class TestKeys {

    private static final Map<String, KeyPair> PAIRS = new ConcurrentHashMap<>();

    private TestKeys() {
    }

    /** A key pair for an asymmetric algorithm (one RSA-2048 pair serves RS* and PS*). */
    static KeyPair pair(String alg) {
        String slot = alg.startsWith("RS") || alg.startsWith("PS") ? "RSA" : alg;
        return PAIRS.computeIfAbsent(slot, TestKeys::generate);
    }

    /** A fresh pair (for rotation tests). */
    static KeyPair freshPair(String alg) {
        return generate(alg.startsWith("RS") || alg.startsWith("PS") ? "RSA" : alg);
    }

    private static KeyPair generate(String slot) {
        try {
            return switch (slot) {
                case "RSA" -> {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                    g.initialize(2048);
                    yield g.generateKeyPair();
                }
                case "ES256" -> Jwts.SIG.ES256.keyPair().build();
                case "ES384" -> Jwts.SIG.ES384.keyPair().build();
                case "ES512" -> Jwts.SIG.ES512.keyPair().build();
                case "EdDSA" -> Jwks.CRV.Ed25519.keyPair().build();
                case "Ed448" -> Jwks.CRV.Ed448.keyPair().build();
                default -> throw new IllegalArgumentException(slot);
            };
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A 64-byte HMAC secret, Base64. */
    static String hmacSecretBase64(String alg) {
        byte[] secret = new byte[64];
        new java.util.Random(alg.hashCode()).nextBytes(secret);
        return Base64.getEncoder().encodeToString(secret);
    }

    static javax.crypto.SecretKey hmacKey(String alg) {
        return new javax.crypto.spec.SecretKeySpec(Base64.getDecoder().decode(hmacSecretBase64(alg)),
                "HmacSHA" + alg.substring(2));
    }

    /** The signing key for {@code alg}. */
    static Key signingKey(String alg) {
        return alg.startsWith("HS") ? hmacKey(alg) : pair(alg).getPrivate();
    }

    static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    static Path writePem(Path dir, String name, PublicKey key) throws java.io.IOException {
        return Files.writeString(dir.resolve(name), pem(key));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static SecureDigestAlgorithm<Key, ?> algorithm(String alg) {
        return (SecureDigestAlgorithm) Jwts.SIG.get().forKey(alg);
    }
}
