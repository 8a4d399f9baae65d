package dev.aiguard.identity.internal;

import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.Principal;
import dev.aiguard.identity.IdentityConfig;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Principals for client certificates. The adapter has already verified the certificate during the TLS handshake and
 * hands over its subject DN and subject alternative names; this maps the DNs (compared in canonical X.500 form) and
 * SANs (type and DNS names case-insensitive, other values exact) the policy lists to principals. A listed DN wins over
 * a listed SAN; among SANs, the certificate's order decides.
 */
public final class MtlsPeers {

    private static final Set<String> SAN_TYPES = Set.of("dns", "uri", "ip", "email");

    private final Map<String, Principal> byDn;
    private final Map<String, Principal> bySan;

    private MtlsPeers(Map<String, Principal> byDn, Map<String, Principal> bySan) {
        this.byDn = Map.copyOf(byDn);
        this.bySan = Map.copyOf(bySan);
    }

    /**
     * Compiles the peer list.
     *
     * @throws IllegalArgumentException for a malformed DN or SAN
     */
    public static MtlsPeers compile(List<IdentityConfig.MtlsPeer> peers) {
        Map<String, Principal> byDn = new HashMap<>();
        Map<String, Principal> bySan = new HashMap<>();
        for (IdentityConfig.MtlsPeer peer : peers) {
            if (peer.dn() != null) {
                String dn = canonical(peer.dn())
                        .orElseThrow(() -> new IllegalArgumentException("malformed DN '" + peer.dn() + "'"));
                String subject = peer.subject() != null ? peer.subject() : commonName(peer.dn()).orElse(dn);
                byDn.put(dn, principal(peer, subject));
            } else {
                String san = canonicalSan(peer.san())
                        .orElseThrow(() -> new IllegalArgumentException("malformed SAN '" + peer.san() + "'"));
                String subject = peer.subject() != null ? peer.subject() : san.substring(san.indexOf(':') + 1);
                bySan.put(san, principal(peer, subject));
            }
        }
        return new MtlsPeers(byDn, bySan);
    }

    /** The principal of the request's client certificate, if its DN or one of its SANs is listed. */
    public Optional<Principal> principal(GuardRequest request) {
        Optional<Principal> byName = request.tlsPeer().flatMap(MtlsPeers::canonical).map(byDn::get);
        if (byName.isPresent()) {
            return byName;
        }
        for (String name : request.tlsPeerNames()) {
            Principal principal = canonicalSan(name).map(bySan::get).orElse(null);
            if (principal != null) {
                return Optional.of(principal);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code dn} is a well-formed X.500 name. */
    public static boolean isValidDn(String dn) {
        return canonical(dn).isPresent();
    }

    /** Whether {@code san} is {@code type:value} with a known type and a non-empty value. */
    public static boolean isValidSan(String san) {
        return canonicalSan(san).isPresent();
    }

    private static Principal principal(IdentityConfig.MtlsPeer peer, String subject) {
        return new Principal(subject, peer.tenant(), Set.copyOf(peer.groups()), peer.tier(), Map.of("auth_method", "mtls"));
    }

    private static Optional<String> canonical(String dn) {
        if (dn == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new X500Principal(dn).getName(X500Principal.CANONICAL));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> canonicalSan(String san) {
        if (san == null) {
            return Optional.empty();
        }
        int colon = san.indexOf(':');
        if (colon <= 0 || colon == san.length() - 1) {
            return Optional.empty();
        }
        String type = san.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!SAN_TYPES.contains(type)) {
            return Optional.empty();
        }
        String value = san.substring(colon + 1);
        return Optional.of(type + ":" + (type.equals("dns") ? value.toLowerCase(Locale.ROOT) : value));
    }

    private static Optional<String> commonName(String dn) {
        try {
            for (Rdn rdn : new LdapName(dn).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return Optional.of(rdn.getValue().toString());
                }
            }
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
