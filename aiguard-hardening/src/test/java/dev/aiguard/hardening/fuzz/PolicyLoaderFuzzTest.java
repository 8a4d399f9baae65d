package dev.aiguard.hardening.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.aiguard.api.PolicyError;
import dev.aiguard.api.PolicyLoader;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The policy loader on arbitrary YAML (with every stage type on the class path): {@code check} reports problems as a
 * list and never throws, and every problem names where it is.
 */
class PolicyLoaderFuzzTest {

    private final PolicyLoader loader = PolicyLoader.create();

    @FuzzTest
    void anyTextIsCheckedWithoutThrowing(byte[] input) {
        String yaml = new String(input, StandardCharsets.UTF_8);
        List<PolicyError> errors = loader.check("fuzz.yaml", yaml);
        for (PolicyError error : errors) {
            if (error.message() == null || error.message().isBlank()) {
                throw new IllegalStateException("a policy error without a message: " + error);
            }
        }
    }
}
