package dev.aiguard.api;

import java.util.Map;
import java.util.Set;

/**
 * Who is calling, as established by an identity stage.
 *
 * @param subject    stable id of the caller (key id, JWT {@code sub}, certificate subject); never the credential
 * @param tenant     tenant or organisation, or {@code null}
 * @param groups     groups or scopes
 * @param tier       service tier used by budgets (e.g. {@code free}, {@code pro}), or {@code null}
 * @param attributes further claims the policy may refer to
 */
public record Principal(String subject, String tenant, Set<String> groups, String tier, Map<String, String> attributes) {

    private static final Principal ANONYMOUS = new Principal("anonymous", null, Set.of(), null, Map.of());

    public Principal {
        if (subject == null || subject.isEmpty()) {
            throw new IllegalArgumentException("subject must not be empty");
        }
        groups = Set.copyOf(groups);
        attributes = Map.copyOf(attributes);
    }

    /** The principal of a request no identity stage has claimed. */
    public static Principal anonymous() {
        return ANONYMOUS;
    }

    /** Whether this is the anonymous principal. */
    public boolean isAnonymous() {
        return this == ANONYMOUS || ("anonymous".equals(subject) && tenant == null && groups.isEmpty());
    }
}
