package dev.aiguard.cli.internal.egress;

import dev.aiguard.api.Principal;
import dev.aiguard.egress.EgressGuard;
import dev.aiguard.egress.Resolver;
import dev.aiguard.egress.WorkloadEgressPolicies;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One {@link EgressGuard} per workload named in the policy plus one for everybody else, built once. The guards
 * publish no events themselves: the proxy reports every connection with the workload and byte counts.
 */
public final class WorkloadGuards {

    private final EgressGuard base;
    private final Map<String, EgressGuard> byWorkload = new HashMap<>();
    private final String describe;

    public WorkloadGuards(WorkloadEgressPolicies policies, Resolver resolver, Duration cacheTtl) {
        this.base = EgressGuard.builder(policies.base()).resolver(resolver).cacheTtl(cacheTtl).build();
        policies.workloads().forEach((name, policy) ->
                byWorkload.put(name, EgressGuard.builder(policy).resolver(resolver).cacheTtl(cacheTtl).build()));
        this.describe = policies.base().mode().policyName() + ", " + policies.base().allow().size() + " allow and "
                + policies.base().deny().size() + " deny rules, " + policies.workloads().size() + " workloads";
    }

    /** The guard for {@code principal}'s workload (the base guard when it has no rules of its own). */
    public EgressGuard forPrincipal(Principal principal) {
        return principal == null ? base : byWorkload.getOrDefault(principal.subject(), base);
    }

    /** One line for banners and the console. */
    public String describe() {
        return describe;
    }
}
