package dev.aiguard.identity.internal.access;

import dev.aiguard.api.Principal;
import dev.aiguard.identity.IdentityConfig;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The compiled per-identity allow rules: which routes, methods and models each subject, tenant, group or tier may
 * call. No rules means every authenticated caller may call everything; otherwise anything no rule allows is refused.
 */
public final class AccessPolicy {

    private final List<Rule> rules;

    private AccessPolicy(List<Rule> rules) {
        this.rules = rules;
    }

    public static AccessPolicy compile(List<IdentityConfig.AccessRule> config) {
        return new AccessPolicy(config.stream().map(Rule::compile).toList());
    }

    /**
     * Judges one request.
     *
     * @param path  the normalized path ({@link PathNormalizer})
     * @param model supplies the model the request names, or {@code null}; asked only when a rule lists models
     */
    public AccessDecision decide(Principal principal, String method, String path, Supplier<String> model) {
        if (rules.isEmpty()) {
            return AccessDecision.ALLOWED;
        }
        boolean routeAllowed = false;
        for (Rule rule : rules) {
            if (!rule.appliesTo(principal) || !rule.allowsRoute(method, path)) {
                continue;
            }
            if (rule.allowsModel(model)) {
                return AccessDecision.ALLOWED;
            }
            routeAllowed = true;
        }
        return routeAllowed ? AccessDecision.MODEL_FORBIDDEN : AccessDecision.ROUTE_FORBIDDEN;
    }

    /** Whether there are no rules (everything is allowed). */
    public boolean isEmpty() {
        return rules.isEmpty();
    }

    private record Rule(Set<String> subjects, Set<String> tenants, Set<String> groups, Set<String> tiers,
                        List<Glob> routes, Set<String> methods, List<Glob> models) {

        static Rule compile(IdentityConfig.AccessRule r) {
            return new Rule(Set.copyOf(r.subjects()), Set.copyOf(r.tenants()), Set.copyOf(r.groups()),
                    Set.copyOf(r.tiers()), r.routes().stream().map(Glob::path).toList(),
                    r.methods().stream().map(m -> m.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet()),
                    r.models().stream().map(Glob::name).toList());
        }

        boolean appliesTo(Principal p) {
            return (subjects.isEmpty() || subjects.contains(p.subject()))
                    && (tenants.isEmpty() || (p.tenant() != null && tenants.contains(p.tenant())))
                    && (groups.isEmpty() || p.groups().stream().anyMatch(groups::contains))
                    && (tiers.isEmpty() || (p.tier() != null && tiers.contains(p.tier())));
        }

        boolean allowsRoute(String method, String path) {
            return (methods.isEmpty() || methods.contains(method))
                    && (routes.isEmpty() || routes.stream().anyMatch(g -> g.matches(path)));
        }

        boolean allowsModel(Supplier<String> model) {
            if (models.isEmpty()) {
                return true;
            }
            String name = model.get();
            return name != null && models.stream().anyMatch(g -> g.matches(name));
        }
    }
}
