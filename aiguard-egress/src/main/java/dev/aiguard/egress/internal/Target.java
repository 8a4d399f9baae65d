package dev.aiguard.egress.internal;

import java.net.URI;

/**
 * Where a URL really points: scheme, canonical host, effective port and the request target (path and query, already
 * safe to put in a {@link URI}; the fragment is dropped because it is never sent).
 *
 * @param scheme      lower-case scheme
 * @param host        canonical host
 * @param port        effective port (explicit or the scheme's default)
 * @param pathAndQuery path plus {@code ?query}, starting with {@code /}
 * @param hasUserInfo whether the URL carried {@code user[:password]@}
 */
public record Target(String scheme, Host host, int port, String pathAndQuery, boolean hasUserInfo) {

    /** A host-only target (the resolution path): scheme, port and path unknown. */
    public static Target hostOnly(Host host) {
        return new Target(null, host, 0, null, false);
    }

    /** The default port of a supported scheme, or -1. */
    public static int defaultPort(String scheme) {
        if (scheme == null) {
            return -1;
        }
        return switch (scheme) {
            case "http", "ws" -> 80;
            case "https", "wss" -> 443;
            default -> -1;
        };
    }

    /** The path without the query. */
    public String path() {
        int q = pathAndQuery.indexOf('?');
        return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    }

    /** {@code host[:port]} as sent in the Host header (port only when not the default). */
    public String hostHeader() {
        return port == defaultPort(scheme) || port == 0 ? host.uriText() : host.uriText() + ":" + port;
    }

    /** The canonical URI (with the host name, without user info or fragment). */
    public URI uri() {
        return URI.create(scheme + "://" + hostHeader() + pathAndQuery);
    }

    /** The same request target, addressed to {@code ip} instead of the host name (the pinned form). */
    public URI uriFor(IpAddress ip) {
        return URI.create(scheme + "://" + ip.uriHost() + ":" + port + pathAndQuery);
    }

    /** Scheme, host, port and path without query: safe to log. */
    public String redacted() {
        String path = path();
        if (path.length() > 120) {
            path = path.substring(0, 120) + "...";
        }
        return scheme + "://" + hostHeader() + path;
    }
}
