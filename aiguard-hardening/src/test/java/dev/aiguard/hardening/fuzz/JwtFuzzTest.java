package dev.aiguard.hardening.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.Headers;
import dev.aiguard.api.PolicyException;
import dev.aiguard.api.Verdict;
import dev.aiguard.hardening.GuardUnderTest;

import java.nio.charset.StandardCharsets;

/**
 * The JWT path of the identity stage on arbitrary bearer values (and the API-key path on values that are not
 * JWS-shaped): the fuzzer cannot know the HS256 secret or forge an RS256 signature, so no value may be accepted, every
 * refusal is an {@code identity.*} reason, and the stage never throws (a stage failure event would show it).
 */
class JwtFuzzTest {

    private static final String POLICY = """
            apiVersion: aiguard.dev/v1
            stages:
              - type: identity
                budget: 1m
                apiKeys:
                  owners:
                    - subject: svc
                      keys: [{id: k1, digest: "sha256:c2FsdHNhbHRzYWx0:3q2-7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}]
                jwt:
                  issuers: [https://idp.example.com/]
                  audiences: [inference-api]
                  keys:
                    - {kid: hs-1, secret: "fuzz-secret-that-is-long-enough-for-hs256-0123", algorithm: HS256}
                cache: {maxEntries: 0}
            """;

    private final GuardUnderTest guard;

    JwtFuzzTest() throws PolicyException {
        guard = GuardUnderTest.fromPolicy("jwt-fuzz.yaml", POLICY);
    }

    @FuzzTest
    void noForgedCredentialIsAccepted(byte[] input) {
        String bearer = new String(input, StandardCharsets.UTF_8);
        GuardRequest request;
        try {
            request = GuardRequest.builder().method("POST").uri("/v1/chat/completions")
                    .headers(Headers.of("Authorization", "Bearer " + bearer)).build();
        } catch (IllegalArgumentException invalidHeader) {
            return;   // not a value an adapter could hand over
        }
        Verdict verdict = guard.guard().inspect(request);
        if (verdict.allowed()) {
            throw new IllegalStateException("accepted a forged credential: " + bearer);
        }
        if (!verdict.reason().startsWith("identity.")) {
            throw new IllegalStateException("unexpected refusal " + verdict.reason() + " for " + bearer);
        }
        if (!guard.stageFailures().isEmpty()) {
            throw new IllegalStateException("the identity stage failed: " + guard.stageFailures());
        }
    }
}
