package dev.aiguard.egress.internal;

import dev.aiguard.egress.EgressRule;

import java.util.Set;

/**
 * A rule ready for matching.
 *
 * @param source     the rule as configured (for messages)
 * @param matcher    the destination part
 * @param schemes    schemes, empty = any
 * @param ports      ports, empty = any
 * @param pathPrefix path prefix, empty = any
 */
public record CompiledRule(EgressRule source, RuleMatcher matcher, Set<String> schemes, Set<Integer> ports,
                           String pathPrefix) {

    public static CompiledRule of(EgressRule rule) {
        return new CompiledRule(rule, RuleMatcher.compile(rule.host(), rule.cidr()), rule.schemes(), rule.ports(),
                rule.pathPrefix());
    }

    /**
     * Whether scheme, port and path fit. {@code null} scheme/path and port 0 mean "unknown" (a host-only check): they
     * fit when {@code unknownMatches}, which is how allow rules are read; deny rules only apply when certain.
     */
    public boolean fits(Target target, boolean unknownMatches) {
        return part(schemes.isEmpty(), target.scheme() == null, () -> schemes.contains(target.scheme()), unknownMatches)
                && part(ports.isEmpty(), target.port() == 0, () -> ports.contains(target.port()), unknownMatches)
                && part(pathPrefix.isEmpty(), target.pathAndQuery() == null,
                        () -> target.path().startsWith(pathPrefix), unknownMatches);
    }

    private static boolean part(boolean any, boolean unknown, java.util.function.BooleanSupplier test,
                                boolean unknownMatches) {
        return any || (unknown ? unknownMatches : test.getAsBoolean());
    }
}
