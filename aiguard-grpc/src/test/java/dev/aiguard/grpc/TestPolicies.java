package dev.aiguard.grpc;

import dev.aiguard.api.Guard;
import dev.aiguard.api.GuardConfig;
import dev.aiguard.api.PolicyException;
import dev.aiguard.api.PolicyLoader;
import dev.aiguard.identity.ApiKeyDigests;
import io.grpc.Metadata;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The policy of the integration tests: identity by API key, prompt-injection detection, and a token budget of 1,000
 * per principal per hour with one in-flight call per principal. Each test uses its own principal, so budgets and
 * slots do not leak between tests.
 */
final class TestPolicies {

    static final List<String> PRINCIPALS = List.of("alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi");

    private TestPolicies() {
    }

    /** The test key of a principal. */
    static String key(String principal) {
        return "agk_test_" + principal + "_0123456789abcdef";
    }

    static String policy(String mode) {
        String owners = PRINCIPALS.stream().map(p -> "        - {subject: %s, keys: [{id: %s-1, digest: \"%s\"}]}"
                .formatted(p, p, ApiKeyDigests.sha256(key(p)))).collect(Collectors.joining("\n"));
        return """
                apiVersion: aiguard.dev/v1
                mode: %s
                stages:
                  - type: identity
                    name: identity
                    budget: 10s
                    realm: inference
                    apiKeys:
                      headers: [x-api-key]
                      owners:
                %s
                  - type: prompt
                    name: prompt
                    budget: 10s
                    routes: {/aiguard.example.llm.TextGeneration/: openai_chat}
                  - type: ratelimit
                    name: budget
                    budget: 10s
                    limits:
                      - name: user-tokens
                        key: [principal]
                        unit: tokens
                        bandwidths: [{capacity: 1000, period: 1h}]
                    inFlight:
                      perKey: 1
                """.formatted(mode, owners);
    }

    /** The prompt stage alone: the follow-up guard of streaming calls. */
    static Guard promptOnly() throws PolicyException {
        return Guard.create(PolicyLoader.create().load("grpc-followup.yaml", """
                apiVersion: aiguard.dev/v1
                stages:
                  - type: prompt
                    name: prompt
                    budget: 10s
                    routes: {/aiguard.example.llm.TextGeneration/: openai_chat}
                """).toGuardConfig());
    }

    static GuardConfig config(String mode) throws PolicyException {
        return PolicyLoader.create().load("grpc-test.yaml", policy(mode)).toGuardConfig();
    }

    /** The stub sending {@code principal}'s key in {@code x-api-key}. */
    static <S extends AbstractStub<S>> S as(S stub, String principal) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("x-api-key", Metadata.ASCII_STRING_MARSHALLER), key(principal));
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }
}
