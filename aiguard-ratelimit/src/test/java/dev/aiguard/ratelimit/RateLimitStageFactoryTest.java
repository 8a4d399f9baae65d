package dev.aiguard.ratelimit;

import dev.aiguard.api.Guard;
import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.Headers;
import dev.aiguard.api.PolicyError;
import dev.aiguard.api.PolicyLoader;
import dev.aiguard.api.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitStageFactoryTest {

    private static final String POLICY = """
            apiVersion: aiguard.dev/v1
            stages:
              - type: ratelimit
                budget: 1m          # generous: a loaded machine's first request also pays for class loading
                cost:
                  defaultOutputTokens: 100
                  defaultPrice: { input: 0, output: 1 }
                  models: { "gpt-4*": { input: 1, output: 4 } }
                limits:
                  - name: per-ip
                    key: [ip]
                    unit: requests
                    bandwidths:
                      - { name: burst, capacity: 2, period: 10s }
                      - { name: hour, capacity: 100, period: 1h }
                inFlight: { perKey: 4, global: 64 }
                caps: { maxOutputTokens: 4096, maxBodyBytes: 65536 }
            """;

    /** One loader for the class: creating it instantiates every factory on the class path. */
    private static final PolicyLoader LOADER = PolicyLoader.create();

    @Test
    void factoryIsFoundThroughServiceLoader() {
        assertThat(LOADER.stageTypes()).contains(RateLimitStageFactory.TYPE);
    }

    @Test
    void policyBindsAndTheStageLimitsRequests() throws Exception {
        try (Guard guard = Guard.create(LOADER.load("policy.yaml", POLICY).toGuardConfig())) {
            GuardRequest request = GuardRequest.builder().method("POST").uri("/v1/chat/completions")
                    .headers(Headers.of("Content-Type", "application/json"))
                    .body("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").build();

            assertThat(guard.inspect(request).allowed()).isTrue();
            assertThat(guard.inspect(request).allowed()).isTrue();
            Verdict third = guard.inspect(request);

            assertThat(third.httpStatus()).isEqualTo(429);
            assertThat(third.responseHeaders()).containsEntry("RateLimit-Policy",
                    "\"per-ip.burst\";q=2;w=10, \"per-ip.hour\";q=100;w=3600");
        }
    }

    @Test
    void invalidConfigurationIsReportedWithPaths() {
        List<PolicyError> errors = LOADER.check("policy.yaml", """
                apiVersion: aiguard.dev/v1
                stages:
                  - type: ratelimit
                    backend: memcached
                    limits:
                      - name: a
                        key: [principal, shoe-size]
                        unit: watts
                        bandwidths: [ { capacity: 0, period: 1m } ]
                      - name: a
                        tiers: { pro: [], free: [ { capacity: 2000000, period: 1ms } ] }
                    inFlight: { perKey: 0 }
                """);

        assertThat(errors).extracting(PolicyError::path).contains(
                "stages[0].backend",
                "stages[0].limits[0].key[1]",
                "stages[0].limits[0].unit",
                "stages[0].limits[0].bandwidths[0].capacity",
                "stages[0].limits[1].name",
                "stages[0].limits[1].bandwidths",
                "stages[0].limits[1].tiers.pro",
                "stages[0].limits[1].tiers.free[0].capacity",
                "stages[0].inFlight.perKey");
    }

    @Test
    void redisBackendNeedsAUri() {
        List<PolicyError> errors = LOADER.check("policy.yaml", """
                apiVersion: aiguard.dev/v1
                stages:
                  - type: ratelimit
                    backend: redis
                """);

        assertThat(errors).extracting(PolicyError::path).containsExactly("stages[0].redis.uri");
    }
}
