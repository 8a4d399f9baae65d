package dev.aiguard.benchmarks;

import dev.aiguard.api.Guard;
import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.Headers;
import dev.aiguard.api.PolicyException;
import dev.aiguard.api.PolicyLoader;
import dev.aiguard.api.ResponseInfo;
import dev.aiguard.api.Usage;
import dev.aiguard.api.Verdict;
import dev.aiguard.identity.ApiKeyDigests;
import io.jsonwebtoken.Jwts;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.TimeUnit;

/**
 * The identity stage per request ({@code inspect} + {@code complete} through a guard holding only that stage):
 * credentials answered from the verified-credential cache, and JWTs verified every time (cache disabled) for RS256
 * and ES256. Compare with {@link PipelineOverhead#noStages()} for the guard's own share.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class IdentityBenchmark {

    private static final ResponseInfo RESPONSE = ResponseInfo.of(200, new Usage(10, 20));

    /** Which credential the request carries and whether the stage may cache its verification. */
    @Param({"apiKey-cached", "hs256-cached", "rs256-cached", "rs256-uncached", "es256-uncached"})
    public String credential;

    private Path dir;
    private Guard guard;
    private GuardRequest request;

    @Setup
    public void setUp() throws IOException, GeneralSecurityException, PolicyException {
        dir = Files.createTempDirectory("aiguard-identity-bench");
        KeyPair rsa = generate("RSA", null);
        KeyPair ec = generate("EC", new ECGenParameterSpec("secp256r1"));
        Files.writeString(dir.resolve("rsa.pem"), pem(rsa.getPublic()));
        Files.writeString(dir.resolve("ec.pem"), pem(ec.getPublic()));
        String hmacSecret = "bench-hs256-secret-0123456789abcdef-0123456789";
        String apiKey = ApiKeyDigests.newKey();
        boolean cached = credential.endsWith("-cached");
        guard = Guard.create(PolicyLoader.create().load("identity-bench.yaml", policy(apiKey, hmacSecret, cached))
                .toGuardConfig());
        String token = switch (credential) {
            case "apiKey-cached" -> apiKey;
            case "hs256-cached" -> Jwts.builder().header().keyId("hs-1").and().claims(claims())
                    .signWith(io.jsonwebtoken.security.Keys.hmacShaKeyFor(hmacSecret.getBytes(StandardCharsets.UTF_8)),
                            Jwts.SIG.HS256).compact();
            case "rs256-cached", "rs256-uncached" -> Jwts.builder().header().keyId("rsa-1").and().claims(claims())
                    .signWith(rsa.getPrivate(), Jwts.SIG.RS256).compact();
            case "es256-uncached" -> Jwts.builder().header().keyId("ec-1").and().claims(claims())
                    .signWith(ec.getPrivate(), Jwts.SIG.ES256).compact();
            default -> throw new IllegalArgumentException(credential);
        };
        request = GuardRequest.builder()
                .method("POST")
                .uri("/v1/chat/completions")
                .headers(Headers.of("Host", "api.example.com", "Content-Type", "application/json",
                        "Authorization", "Bearer " + token))
                .remoteAddress(new InetSocketAddress("203.0.113.10", 51000))
                .body("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}")
                .build();
        Verdict first = guard.inspect(request);
        guard.complete(first.exchange(), RESPONSE);
        if (first.blocked()) {
            throw new IllegalStateException("the benchmark credential is refused: " + first);
        }
    }

    @TearDown
    public void tearDown() throws IOException {
        guard.close();
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
    }

    /** One request through the identity stage. */
    @Benchmark
    public Verdict inspectAndComplete() {
        Verdict verdict = guard.inspect(request);
        guard.complete(verdict.exchange(), RESPONSE);
        return verdict;
    }

    private String policy(String apiKey, String hmacSecret, boolean cached) {
        return """
                apiVersion: aiguard.dev/v1
                stages:
                  - type: identity
                    budget: 10s
                    apiKeys:
                      owners:
                        - subject: bench-svc
                          keys:
                            - {id: bench-1, digest: "%s"}
                    jwt:
                      issuers: [https://idp.example.com/]
                      audiences: [inference-api]
                      keys:
                        - {kid: hs-1, secret: "%s", algorithm: HS256}
                        - {kid: rsa-1, pemFile: "%s"}
                        - {kid: ec-1, pemFile: "%s"}
                    cache: {maxEntries: %d, maxTtl: 5m}
                """.formatted(ApiKeyDigests.sha256(apiKey), hmacSecret, dir.resolve("rsa.pem"), dir.resolve("ec.pem"),
                cached ? 10_000 : 0);
    }

    private static io.jsonwebtoken.Claims claims() {
        Instant now = Instant.now();
        return Jwts.claims().subject("bench-user").issuer("https://idp.example.com/").audience().add("inference-api")
                .and().issuedAt(Date.from(now)).expiration(Date.from(now.plus(1, ChronoUnit.DAYS))).build();
    }

    private static KeyPair generate(String algorithm, ECGenParameterSpec spec) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        if (spec != null) {
            generator.initialize(spec);
        } else {
            generator.initialize(2048);
        }
        return generator.generateKeyPair();
    }

    private static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }
}
