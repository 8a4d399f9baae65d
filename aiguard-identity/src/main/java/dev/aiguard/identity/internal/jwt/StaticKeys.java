package dev.aiguard.identity.internal.jwt;

import dev.aiguard.api.ConfigProblems;
import dev.aiguard.identity.IdentityConfig;

import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** Keys fixed at policy load: inline PEM keys and HMAC secrets, PEM files and a JWKS file. */
public final class StaticKeys implements KeySource {

    /** Largest key or JWKS file read. */
    static final long MAX_FILE_BYTES = 1L << 20;

    private final List<VerificationKey> keys;

    public StaticKeys(List<VerificationKey> keys) {
        this.keys = List.copyOf(keys);
    }

    /**
     * Loads the keys of a JWT configuration.
     *
     * @param resolve resolves file names against the policy directory
     * @throws IOException              when a file cannot be read
     * @throws IllegalArgumentException when a key is invalid
     */
    public static StaticKeys load(IdentityConfig.Jwt config, Function<String, Path> resolve) throws IOException {
        List<VerificationKey> keys = new ArrayList<>();
        for (int i = 0; i < config.keys().size(); i++) {
            IdentityConfig.JwtKey key = config.keys().get(i);
            String where = "jwt.keys[" + i + "]";
            try {
                keys.add(new VerificationKey(key.kid(), material(key, resolve), key.algorithm(), where));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        if (config.jwksFile() != null) {
            Path file = resolve.apply(config.jwksFile());
            keys.addAll(JwksParser.parse(read(file), file.toString()));
        }
        return new StaticKeys(keys);
    }

    /** Reports problems of inline keys that need no file access. */
    public static void check(List<IdentityConfig.JwtKey> keys, ConfigProblems problems) {
        for (int i = 0; i < keys.size(); i++) {
            IdentityConfig.JwtKey key = keys.get(i);
            String at = "jwt.keys[" + i + "]";
            long given = java.util.stream.Stream.of(key.pem(), key.pemFile(), key.secret(), key.secretBase64())
                    .filter(Objects::nonNull).count();
            problems.require(given == 1, at, "give exactly one of pem, pemFile, secret, secretBase64");
            if (key.algorithm() != null && !JwtAlgorithms.SUPPORTED.contains(key.algorithm())) {
                problems.add(at + ".algorithm", "unsupported algorithm '" + key.algorithm() + "' (supported: "
                        + JwtAlgorithms.SUPPORTED + ")");
            }
            if (given == 1 && (key.secret() != null || key.secretBase64() != null)) {
                checkSecret(key, at, problems);
            }
            if (given == 1 && key.pem() != null) {
                try {
                    PemKeys.parse(key.pem());
                } catch (IllegalArgumentException e) {
                    problems.add(at + ".pem", e.getMessage());
                }
            }
        }
    }

    private static void checkSecret(IdentityConfig.JwtKey key, String at, ConfigProblems problems) {
        try {
            byte[] secret = secret(key);
            String alg = key.algorithm() == null ? "HS256" : key.algorithm();
            problems.require(JwtAlgorithms.isHmac(alg), at + ".algorithm", "an HMAC secret needs an HS* algorithm");
            if (JwtAlgorithms.isHmac(alg)) {
                problems.require(secret.length >= JwtAlgorithms.minHmacBytes(alg), at,
                        "HMAC secret must be at least " + JwtAlgorithms.minHmacBytes(alg) + " bytes for " + alg);
            }
        } catch (IllegalArgumentException e) {
            problems.add(at + ".secretBase64", "is not Base64");
        }
    }

    private static Key material(IdentityConfig.JwtKey key, Function<String, Path> resolve) throws IOException {
        if (key.secret() != null || key.secretBase64() != null) {
            return new SecretKeySpec(secret(key), "HmacSHA256");
        }
        String pem = key.pem() != null ? key.pem() : read(resolve.apply(Objects.requireNonNull(key.pemFile(),
                "one of pem, pemFile, secret, secretBase64 is required")));
        return PemKeys.parse(pem);
    }

    private static byte[] secret(IdentityConfig.JwtKey key) {
        return key.secret() != null ? key.secret().getBytes(StandardCharsets.UTF_8)
                : Base64.getDecoder().decode(key.secretBase64().replaceAll("\\s", ""));
    }

    private static String read(Path file) throws IOException {
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw new IOException(file + " is larger than " + MAX_FILE_BYTES + " bytes");
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    @Override
    public List<VerificationKey> byKid(String kid) {
        List<VerificationKey> found = new ArrayList<>(1);
        for (VerificationKey key : keys) {
            if (kid.equals(key.kid())) {
                found.add(key);
            }
        }
        return found;
    }

    @Override
    public List<VerificationKey> all() {
        return keys;
    }
}
