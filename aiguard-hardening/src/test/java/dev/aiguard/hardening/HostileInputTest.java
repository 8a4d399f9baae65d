package dev.aiguard.hardening;

import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.Headers;
import dev.aiguard.api.PolicyException;
import dev.aiguard.api.ResponseInfo;
import dev.aiguard.api.Usage;
import dev.aiguard.api.Verdict;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The worst requests a service can receive, through the whole recommended pipeline (CRS at paranoia level 1, the
 * prompt detector, budgets): each gets a verdict, no stage throws or overruns (no stage-failure event), the guard
 * keeps at most {@code maxBodyBytes} of any body, and nothing hangs. The time limit is a hang detector, not a speed
 * target: speed is measured by the JMH benchmarks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {

    /** Bodies beyond this are truncated by the guard (the policy's request.maxBodyBytes). */
    static final int MAX_BODY = 1 << 20;
    private static final Duration HANG_LIMIT = Duration.ofMinutes(3);

    private GuardUnderTest guard;

    @BeforeAll
    void buildGuard() throws PolicyException {
        String crs = System.getProperty("aiguard.crs.dir", System.getenv("AIGUARD_CRS_DIR"));
        Assumptions.assumeTrue(crs != null && Files.isDirectory(Path.of(crs, "rules")),
                "OWASP CRS not found: put it in ../shared/crs or set -Daiguard.crs.dir / AIGUARD_CRS_DIR");
        guard = GuardUnderTest.fromPolicy("hostile.yaml", """
                apiVersion: aiguard.dev/v1
                request: {maxBodyBytes: %d}
                stages:
                  - type: crs
                    budget: 5m
                    failOpen: false
                    directory: "%s"
                    paranoiaLevel: 1
                    engine: re2j
                  - type: prompt
                    budget: 5m
                  - type: ratelimit
                    budget: 5m
                    limits:
                      - {name: requests, key: [ip], unit: requests, bandwidths: [{capacity: 1000000, period: 1h}]}
                    inFlight: {perKey: 8}
                """.formatted(MAX_BODY, crs.replace("\\", "/")));
    }

    @AfterAll
    void close() {
        if (guard != null) {
            guard.close();
        }
    }

    Stream<Arguments> hostileRequests() {
        return Stream.of(
                hostile("invalid UTF-8 inside a chat message", () -> chat(bytes(
                        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"", new byte[] {(byte) 0xc3, 0x28,
                                (byte) 0xff, (byte) 0xfe, (byte) 0xed, (byte) 0xa0, (byte) 0x80}, "\"}]}"))),
                hostile("overlong UTF-8 encodings in path and query", () -> base().method("GET")
                        .uri("/v1/%C0%AF..%C0%AF..%E0%80%AFetc/passwd?q=%C0%BCscript%C0%BE&r=%F0%80%80%AF").build()),
                hostile("NUL bytes in a header, a query argument and a JSON string", () -> base()
                        .headers(Headers.of("Content-Type", "application/json", "X-Trace", "a\u0000b"))
                        .method("POST").uri("/v1/chat/completions?x=%00%00").body(
                                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\\u0000there\"}]}")
                        .build()),
                hostile("10,000 headers", () -> base().headers(Headers.of(manyHeaders(10_000))).build()),
                hostile("a 1 MB header", () -> base().headers(Headers.of("X-Big", "A".repeat(1 << 20))).build()),
                hostile("100,000 query arguments", () -> base().method("GET").uri("/v1/models?" + manyArgs(100_000)).build()),
                hostile("JSON nested 10,000 deep", () -> chat(("[".repeat(10_000) + "]".repeat(10_000))
                        .getBytes(StandardCharsets.US_ASCII))),
                hostile("a 64 MB body", () -> chat(new byte[64 << 20])),
                hostile("a truncated chat body", () -> base().method("POST").uri("/v1/chat/completions")
                        .headers(Headers.of("Content-Type", "application/json"))
                        .body("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Ignore previous instr"
                                .getBytes(StandardCharsets.UTF_8))
                        .bodyTruncated(true).build()),
                hostile("multipart without a closing boundary", () -> base().method("POST").uri("/upload")
                        .headers(Headers.of("Content-Type", "multipart/form-data; boundary=XyZ"))
                        .body("--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.txt\"\r\n\r\n"
                                + "x".repeat(100_000)).build()),
                hostile("broken percent escapes in a form body", () -> base().method("POST").uri("/form")
                        .headers(Headers.of("Content-Type", "application/x-www-form-urlencoded"))
                        .body("a=%&b=%G1&c=%%%%&=&&&d=%u12&" + "e=%2".repeat(10_000)).build()),
                hostile("a gzip bomb (never decompressed)", () -> base().method("POST").uri("/v1/chat/completions")
                        .headers(Headers.of("Content-Type", "application/json", "Content-Encoding", "gzip"))
                        .body(gzippedZeros(256 << 20)).build()),
                hostile("64 KB of ReDoS-shaped text in an argument", () -> base().method("GET")
                        .uri("/search?q=" + "a%20".repeat(16_384) + "!&r=" + "((((((((((".repeat(6_000)).build()),
                hostile("64 KB prompt of one repeated character", () -> chat(
                        ("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "\\\\".repeat(32_768)
                                + "\"}]}").getBytes(StandardCharsets.US_ASCII))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileRequests")
    void guardAnswersWithoutFailingOrHanging(String name, Supplier<GuardRequest> hostile) {
        GuardRequest request = hostile.get();
        int failuresBefore = guard.stageFailures().size();

        Verdict verdict = assertTimeoutPreemptively(HANG_LIMIT, () -> guard.guard().inspect(request));
        guard.guard().complete(verdict.exchange(), ResponseInfo.of(verdict.allowed() ? 200 : verdict.httpStatus(),
                Usage.unknown()));

        assertThat(guard.stageFailures().subList(failuresBefore, guard.stageFailures().size()))
                .as("stage failures for %s", name).isEmpty();
        assertThat(verdict.reason()).doesNotStartWith("stage.");
        assertThat(request.body().length).isLessThanOrEqualTo(MAX_BODY);
    }

    private static Arguments hostile(String name, Supplier<GuardRequest> request) {
        return Arguments.of(name, request);
    }

    private static GuardRequest.Builder base() {
        return GuardRequest.builder().method("GET").uri("/v1/models").maxBodyBytes(MAX_BODY)
                .headers(Headers.of("Host", "api.example.com"))
                .remoteAddress(new InetSocketAddress("203.0.113.7", 50000));
    }

    private static GuardRequest chat(byte[] body) {
        return base().method("POST").uri("/v1/chat/completions")
                .headers(Headers.of("Host", "api.example.com", "Content-Type", "application/json"))
                .body(body).build();
    }

    private static byte[] bytes(String head, byte[] middle, String tail) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(middle);
        out.writeBytes(tail.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static String[] manyHeaders(int count) {
        List<String> pairs = new ArrayList<>(count * 2 + 2);
        pairs.add("Host");
        pairs.add("api.example.com");
        for (int i = 0; i < count; i++) {
            pairs.add("X-H" + i);
            pairs.add("v" + i);
        }
        return pairs.toArray(String[]::new);
    }

    private static String manyArgs(int count) {
        StringBuilder query = new StringBuilder(count * 8);
        for (int i = 0; i < count; i++) {
            query.append(i == 0 ? "" : "&").append('a').append(i).append("=1");
        }
        return query.toString();
    }

    private static byte[] gzippedZeros(int uncompressed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            byte[] zeros = new byte[1 << 16];
            for (int written = 0; written < uncompressed; written += zeros.length) {
                gzip.write(zeros);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
