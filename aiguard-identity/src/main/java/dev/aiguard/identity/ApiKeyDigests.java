package dev.aiguard.identity;

import dev.aiguard.identity.internal.apikey.KeyDigest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Makes the digests that the identity stage stores instead of API keys.
 *
 * <pre>{@code
 * // in code
 * String key = ApiKeyDigests.newKey();               // give this to the caller, once
 * String digest = ApiKeyDigests.sha256(key);         // put this in the policy
 *
 * // on the command line: reads the key from standard input (not from arguments, which end up in shell history)
 * echo -n "$KEY" | java -cp aiguard-identity.jar:... dev.aiguard.identity.ApiKeyDigests
 * java ... dev.aiguard.identity.ApiKeyDigests --new                       # generate a key and its digest
 * java ... dev.aiguard.identity.ApiKeyDigests --hmac-env AIGUARD_KEY_SECRET  # HMAC digest, secret from the env
 * }</pre>
 */
public final class ApiKeyDigests {

    private ApiKeyDigests() {
    }

    /** A new random API key: {@code agk_} and 32 random bytes in Base64url. */
    public static String newKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return "agk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A salted SHA-256 digest of {@code key}: {@code sha256:<salt>:<hash>}. */
    public static String sha256(String key) {
        return KeyDigest.create(KeyDigest.Scheme.SHA256, requireKey(key), null, new SecureRandom()).text();
    }

    /** A salted HMAC-SHA256 digest of {@code key} under {@code secret} (the stage's {@code hmacSecret}). */
    public static String hmacSha256(String key, String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("HMAC secret must not be empty");
        }
        return KeyDigest.create(KeyDigest.Scheme.HMAC_SHA256, requireKey(key),
                secret.getBytes(StandardCharsets.UTF_8), new SecureRandom()).text();
    }

    /** Whether {@code key} matches {@code digest} (constant-time); {@code hmacSecret} only for HMAC digests. */
    public static boolean matches(String digest, String key, String hmacSecret) {
        byte[] secret = hmacSecret == null ? null : hmacSecret.getBytes(StandardCharsets.UTF_8);
        return KeyDigest.parse(digest).matches(requireKey(key), secret);
    }

    /**
     * Command line: prints the digest of the key read from standard input, or with {@code --new} a fresh key and its
     * digest. {@code --hmac-env VAR} makes an HMAC digest with the secret from environment variable {@code VAR}.
     */
    public static void main(String[] args) throws IOException {
        System.exit(run(args, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                System.out, System.err, System::getenv));
    }

    static int run(String[] args, BufferedReader in, PrintStream out, PrintStream err,
                   java.util.function.UnaryOperator<String> env) throws IOException {
        boolean generate = false;
        String hmacVar = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--new" -> generate = true;
                case "--hmac-env" -> {
                    if (i + 1 >= args.length) {
                        err.println("--hmac-env needs a variable name");
                        return 2;
                    }
                    hmacVar = args[++i];
                }
                default -> {
                    err.println("usage: ApiKeyDigests [--new] [--hmac-env VAR]  (the key is read from standard input)");
                    return 2;
                }
            }
        }
        String secret = hmacVar == null ? null : env.apply(hmacVar);
        if (hmacVar != null && (secret == null || secret.isEmpty())) {
            err.println("environment variable " + hmacVar + " is not set");
            return 2;
        }
        String key = generate ? newKey() : in.readLine();
        if (key == null || key.isEmpty()) {
            err.println("no key on standard input");
            return 2;
        }
        if (generate) {
            out.println("key:    " + key);
        }
        out.println((generate ? "digest: " : "") + (secret == null ? sha256(key) : hmacSha256(key, secret)));
        return 0;
    }

    private static String requireKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
        return key;
    }
}
