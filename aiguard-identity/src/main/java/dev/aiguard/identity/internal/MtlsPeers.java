package dev.aiguard.identity.internal;

import dev.aiguard.api.Principal;
import dev.aiguard.identity.IdentityConfig;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Principals for client certificates. The adapter has already verified the certificate during the TLS handshake and
 * hands over its subject DN; this maps the DNs the policy lists (compared in canonical X.500 form) to principals.
 */
public final class MtlsPeers {

    private final Map<String, Principal> byDn;

    private MtlsPeers(Map<String, Principal> byDn) {
        this.byDn = Map.copyOf(byDn);
    }

    /**
     * Compiles the peer list.
     *
     * @throws IllegalArgumentException for a malformed DN
     */
    public static MtlsPeers compile(List<IdentityConfig.MtlsPeer> peers) {
        Map<String, Principal> byDn = new HashMap<>();
        for (IdentityConfig.MtlsPeer peer : peers) {
            String dn = canonical(peer.dn()).orElseThrow(() -> new IllegalArgumentException("malformed DN '" + peer.dn() + "'"));
            String subject = peer.subject() != null ? peer.subject() : commonName(peer.dn()).orElse(dn);
            byDn.put(dn, new Principal(subject, peer.tenant(), Set.copyOf(peer.groups()), peer.tier(),
                    Map.of("auth_method", "mtls")));
        }
        return new MtlsPeers(byDn);
    }

    /** The principal of a peer, if listed. */
    public Optional<Principal> principal(String peerDn) {
        return canonical(peerDn).map(byDn::get);
    }

    /** Whether {@code dn} is a well-formed X.500 name. */
    public static boolean isValidDn(String dn) {
        return canonical(dn).isPresent();
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
