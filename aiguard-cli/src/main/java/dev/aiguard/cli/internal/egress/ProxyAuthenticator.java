package dev.aiguard.cli.internal.egress;

import dev.aiguard.api.Principal;

/**
 * Maps a proxy request's {@code Proxy-Authorization} header to the calling workload.
 */
public interface ProxyAuthenticator {

    /**
     * @param proxyAuthorization the header's value, or null when absent
     * @return the workload, or null when the credentials are missing or wrong (the proxy answers 407)
     */
    Principal authenticate(String proxyAuthorization);

    /** No authentication: every caller is {@link Principal#anonymous()}. */
    static ProxyAuthenticator anonymous() {
        return header -> Principal.anonymous();
    }
}
