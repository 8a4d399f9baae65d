package dev.aiguard.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a host name into addresses. The guard calls it once per check; the guarded client then connects to the
 * returned (checked) addresses, so whatever the resolver says later cannot redirect the connection.
 */
@FunctionalInterface
public interface Resolver {

    /**
     * Resolves a canonical host name (ASCII, lower case, never an IP literal).
     *
     * @throws UnknownHostException when the name does not resolve
     */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The JVM's resolver ({@link InetAddress#getAllByName(String)}). */
    static Resolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
