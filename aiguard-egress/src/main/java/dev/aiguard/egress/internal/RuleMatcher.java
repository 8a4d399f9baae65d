package dev.aiguard.egress.internal;

/**
 * The compiled destination part of a rule: a host pattern (exact, {@code *.suffix}, {@code *}) or an address block.
 * A host pattern written as an IP literal becomes a single-address block.
 *
 * @param exact  exact canonical name, or {@code null}
 * @param suffix {@code .example.com} for {@code *.example.com}, or {@code null}
 * @param any    true for {@code *}
 * @param block  address block, or {@code null}
 */
public record RuleMatcher(String exact, String suffix, boolean any, Cidr block) {

    /**
     * Compiles a rule's host pattern or CIDR (exactly one non-null).
     *
     * @throws IllegalArgumentException for an invalid pattern or block
     */
    public static RuleMatcher compile(String hostPattern, String cidr) {
        if (cidr != null) {
            return new RuleMatcher(null, null, false, Cidr.parse(cidr));
        }
        String p = hostPattern.strip();
        if (p.equals("*")) {
            return new RuleMatcher(null, null, true, null);
        }
        boolean wildcard = p.startsWith("*.");
        Host host;
        try {
            host = HostParser.parse(wildcard ? p.substring(2) : p);
        } catch (TargetSyntaxException e) {
            throw new IllegalArgumentException("invalid host pattern '" + hostPattern + "': " + e.getMessage(), e);
        }
        if (host.isIp()) {
            if (wildcard || host.zoneId() != null) {
                throw new IllegalArgumentException("invalid host pattern '" + hostPattern + "'");
            }
            return new RuleMatcher(null, null, false, new Cidr(host.ip(), host.ip().length() * 8));
        }
        return wildcard ? new RuleMatcher(null, "." + host.name(), false, null)
                : new RuleMatcher(host.name(), null, false, null);
    }

    /** True for an address rule (CIDR, or a host pattern that was an IP literal). */
    public boolean isAddressRule() {
        return block != null;
    }

    /** Whether a canonical host name matches this host pattern. Address rules match no names. */
    public boolean matchesName(String name) {
        if (any) {
            return true;
        }
        if (exact != null) {
            return exact.equals(name);
        }
        return suffix != null && name.endsWith(suffix);
    }

    /** Whether an address matches: inside the block, or any address for {@code *}. */
    public boolean matchesAddress(IpAddress ip) {
        return block != null ? block.contains(ip.unmapped()) || block.contains(ip) : any;
    }

    /** True when this rule names {@code name} exactly (what opening a special name such as localhost takes). */
    public boolean namesExactly(String name) {
        return name.equals(exact);
    }
}
