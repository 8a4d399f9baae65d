package dev.aiguard.egress;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiguard.api.Policy;
import dev.aiguard.egress.internal.PolicyFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An egress policy plus per-workload additions: a workload (an identity's subject, as established by proxy
 * authentication) gets the base rules plus its own allow and deny rules, in the base policy's mode. Identities
 * without an entry get the base policy.
 *
 * <pre>
 * egress:
 *   mode: enforce
 *   allow:
 *     - host: pypi.org
 *   workloads:
 *     training-job:
 *       allow:
 *         - host: huggingface.co
 *       deny:
 *         - host: pypi.org
 * </pre>
 *
 * @param base      the policy for every caller
 * @param workloads the effective policy of each named workload (base plus its own rules)
 */
public record WorkloadEgressPolicies(EgressPolicy base, Map<String, EgressPolicy> workloads) {

    public WorkloadEgressPolicies {
        Objects.requireNonNull(base, "base");
        workloads = Map.copyOf(workloads);
    }

    /** Only the base policy. */
    public static WorkloadEgressPolicies of(EgressPolicy base) {
        return new WorkloadEgressPolicies(base, Map.of());
    }

    /** The policy that applies to {@code workload} (a subject; null or unknown: the base). */
    public EgressPolicy forWorkload(String workload) {
        return workload == null ? base : workloads.getOrDefault(workload, base);
    }

    /**
     * Reads an egress policy file (the keys at top level or under {@code egress:}).
     *
     * @throws IllegalArgumentException listing every problem
     */
    public static WorkloadEgressPolicies load(Path file) throws IOException {
        return PolicyFile.loadWorkloads(file);
    }

    /**
     * The {@code egress:} section of a guard policy loaded by {@link dev.aiguard.api.PolicyLoader}, validated; empty
     * when the policy has none.
     *
     * @throws IllegalArgumentException listing every problem, each as {@code egress.<path>: message}
     */
    public static Optional<WorkloadEgressPolicies> fromPolicy(Policy policy) {
        Optional<JsonNode> section = policy.section("egress");
        if (section.isEmpty()) {
            return Optional.empty();
        }
        List<String> problems = new ArrayList<>();
        WorkloadEgressPolicies parsed = PolicyFile.parseWorkloads(section.get(), problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems.stream().map(p -> "egress." + p).toList()));
        }
        return Optional.of(parsed);
    }
}
