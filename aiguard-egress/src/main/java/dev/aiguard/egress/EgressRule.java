package dev.aiguard.egress;

import dev.aiguard.egress.internal.RuleMatcher;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One allow or deny rule. It names destinations either by host ({@code api.openai.com}, {@code *.example.com} for any
 * subdomain, {@code *} for any host) or by address block ({@code 10.0.0.0/8}), optionally narrowed by scheme, port and,
 * for HTTP, path prefix. Empty sets mean "any".
 *
 * <p>Host rules never open internal addresses: a name that resolves to a private, loopback or metadata address is
 * still denied unless an address rule covers that address (metadata: only a single-address rule).
 *
 * @param host       host pattern, or {@code null} for an address rule
 * @param cidr       address block, or {@code null} for a host rule
 * @param schemes    lower-case schemes; empty = any
 * @param ports      ports; empty = any
 * @param pathPrefix path prefix, or {@code ""} for any path
 */
public record EgressRule(String host, String cidr, Set<String> schemes, Set<Integer> ports, String pathPrefix) {

    public EgressRule {
        if ((host == null) == (cidr == null)) {
            throw new IllegalArgumentException("a rule names either a host pattern or a CIDR block");
        }
        schemes = Set.copyOf(schemes.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toSet()));
        ports = Set.copyOf(ports);
        for (int port : ports) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " out of range 1-65535");
            }
        }
        pathPrefix = pathPrefix == null ? "" : pathPrefix;
        if (!pathPrefix.isEmpty() && !pathPrefix.startsWith("/")) {
            throw new IllegalArgumentException("path prefix must start with '/': " + pathPrefix);
        }
        // Validates the pattern or block now, so a bad rule fails when the policy is built, not on first use.
        RuleMatcher.compile(host, cidr);
    }

    /** A rule for a host: exact name, {@code *.domain} (subdomains only) or {@code *} (any host). */
    public static EgressRule host(String pattern) {
        return new EgressRule(pattern, null, Set.of(), Set.of(), "");
    }

    /** A rule for an address block such as {@code 10.0.0.0/8}, {@code fd00::/8} or {@code 192.0.2.7}. */
    public static EgressRule cidr(String block) {
        return new EgressRule(null, block, Set.of(), Set.of(), "");
    }

    /** A rule for every host name (internal addresses stay denied). */
    public static EgressRule anyHost() {
        return host("*");
    }

    /** This rule restricted to the given schemes. */
    public EgressRule schemes(String... names) {
        return new EgressRule(host, cidr, new TreeSet<>(Arrays.asList(names)), ports, pathPrefix);
    }

    /** This rule restricted to the given ports. */
    public EgressRule ports(int... numbers) {
        return new EgressRule(host, cidr, schemes, Arrays.stream(numbers).boxed().collect(Collectors.toSet()),
                pathPrefix);
    }

    /** This rule restricted to paths starting with {@code prefix} (HTTP only). */
    public EgressRule pathPrefix(String prefix) {
        return new EgressRule(host, cidr, schemes, ports, prefix);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(host != null ? "host " + host : "cidr " + cidr);
        if (!schemes.isEmpty()) {
            out.append(" schemes ").append(new TreeSet<>(schemes));
        }
        if (!ports.isEmpty()) {
            out.append(" ports ").append(new TreeSet<>(ports));
        }
        if (!pathPrefix.isEmpty()) {
            out.append(" path ").append(pathPrefix);
        }
        return out.toString();
    }
}
