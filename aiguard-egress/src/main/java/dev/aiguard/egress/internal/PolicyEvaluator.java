package dev.aiguard.egress.internal;

import dev.aiguard.egress.EgressPolicy;
import dev.aiguard.egress.EgressReason;

import java.net.UnknownHostException;
import java.util.List;

/**
 * Applies a policy to a parsed target: special names, deny rules, resolution, then every address against the
 * address categories and the allow rules. All addresses must pass; the first violation is the answer.
 */
public final class PolicyEvaluator {

    private final List<CompiledRule> allow;
    private final List<CompiledRule> deny;
    private final boolean permitUserInfo;

    public PolicyEvaluator(EgressPolicy policy) {
        this.allow = policy.allow().stream().map(CompiledRule::of).toList();
        this.deny = policy.deny().stream().map(CompiledRule::of).toList();
        this.permitUserInfo = policy.permitUserInfo();
    }

    /** Evaluates {@code target}, resolving names through {@code addresses}. Never throws for bad input. */
    public Evaluation evaluate(Target target, AddressSource addresses) {
        if (target.hasUserInfo() && !permitUserInfo) {
            return Evaluation.deny(EgressReason.USERINFO, "URL carries user info", List.of());
        }
        Host host = target.host();
        if (!host.isIp()) {
            Evaluation byName = checkName(target, host.name());
            if (byName != null) {
                return byName;
            }
        }
        List<IpAddress> ips;
        try {
            ips = host.isIp() ? List.of(host.ip()) : addresses.lookup(host.name());
        } catch (UnknownHostException | RuntimeException e) {
            return Evaluation.deny(EgressReason.UNRESOLVABLE, host.name() + " does not resolve", List.of());
        }
        if (ips.isEmpty()) {
            return Evaluation.deny(EgressReason.UNRESOLVABLE, host + " has no addresses", List.of());
        }
        for (IpAddress ip : ips) {
            Evaluation verdict = checkAddress(target, ip, ips);
            if (verdict != null) {
                return verdict;
            }
        }
        if (host.zoneId() != null) {
            return Evaluation.deny(EgressReason.ZONE_ID, "IPv6 zone ids are not allowed", ips);
        }
        return new Evaluation(EgressReason.ALLOWED, "allowed " + target.hostHeader(), ips);
    }

    private Evaluation checkName(Target target, String name) {
        AddressCategory special = SpecialNames.classify(name);
        if (special != AddressCategory.PUBLIC
                && allow.stream().noneMatch(r -> r.matcher().namesExactly(name) && r.fits(target, true))) {
            return Evaluation.deny(reasonOf(special), name + " is a " + special.name().toLowerCase(java.util.Locale.ROOT)
                    + " name", List.of());
        }
        for (CompiledRule rule : deny) {
            if (!rule.matcher().isAddressRule() && rule.matcher().matchesName(name) && rule.fits(target, false)) {
                return Evaluation.deny(EgressReason.DENIED_BY_RULE, name + " matches deny rule '" + rule.source() + "'",
                        List.of());
            }
        }
        return null;
    }

    private Evaluation checkAddress(Target target, IpAddress ip, List<IpAddress> all) {
        for (CompiledRule rule : deny) {
            // Address rules deny by address; a deny "*" also covers IP-literal targets.
            boolean applies = rule.matcher().isAddressRule() || (rule.matcher().any() && target.host().isIp());
            if (applies && rule.matcher().matchesAddress(ip) && rule.fits(target, false)) {
                return Evaluation.deny(EgressReason.DENIED_BY_RULE, ip + " matches deny rule '" + rule.source() + "'",
                        all);
            }
        }
        AddressCategory category = AddressClassifier.classify(ip);
        if (category != AddressCategory.PUBLIC) {
            boolean opened = allow.stream().anyMatch(r -> opens(r, ip, category) && r.fits(target, true));
            return opened ? null : Evaluation.deny(reasonOf(category), describe(target, ip, category), all);
        }
        String name = target.host().name();
        boolean allowed = allow.stream().anyMatch(r -> r.fits(target, true)
                && (name != null && r.matcher().matchesName(name) || r.matcher().matchesAddress(ip)));
        return allowed ? null : Evaluation.deny(EgressReason.NOT_ALLOWLISTED,
                "no allow rule for " + target.hostHeader() + (name != null ? " (" + ip + ")" : ""), all);
    }

    /** Internal addresses open only to address rules; metadata only to a rule naming that single address. */
    private static boolean opens(CompiledRule rule, IpAddress ip, AddressCategory category) {
        Cidr block = rule.matcher().block();
        if (block == null || !(block.contains(ip) || block.contains(ip.unmapped()))) {
            return false;
        }
        return category != AddressCategory.CLOUD_METADATA || block.isSingleAddress();
    }

    private static String describe(Target target, IpAddress ip, AddressCategory category) {
        String kind = category.name().toLowerCase(java.util.Locale.ROOT);
        return target.host().isIp() ? ip + " is " + kind : target.host().name() + " resolves to " + ip + " (" + kind + ")";
    }

    private static EgressReason reasonOf(AddressCategory category) {
        return EgressReason.valueOf(category.name());
    }
}
