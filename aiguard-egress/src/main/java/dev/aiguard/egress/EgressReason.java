package dev.aiguard.egress;

import java.util.Locale;

/** Why an outbound destination was allowed or denied. {@link #code()} is the stable spelling used in events and JSON. */
public enum EgressReason {
    /** Every check passed. */
    ALLOWED,
    /** The URL is malformed or ambiguous (control characters, backslashes, bad host, bad port...). */
    INVALID_URL,
    /** Scheme other than http, https, ws, wss. */
    UNSUPPORTED_SCHEME,
    /** The URL carries {@code user[:password]@} and the policy does not permit it. */
    USERINFO,
    /** An IPv6 literal with a zone id ({@code [fe80::1%25eth0]}). */
    ZONE_ID,
    /** A deny rule matched. */
    DENIED_BY_RULE,
    /** No allow rule matched. */
    NOT_ALLOWLISTED,
    /** The host name did not resolve (or the resolver failed). */
    UNRESOLVABLE,
    /** 127.0.0.0/8, ::1, localhost. */
    LOOPBACK,
    /** RFC 1918 and other private-use ranges. */
    PRIVATE,
    /** 169.254.0.0/16, fe80::/10. */
    LINK_LOCAL,
    /** Carrier-grade NAT, 100.64.0.0/10. */
    CGNAT,
    /** IPv6 unique local addresses, fc00::/7. */
    ULA,
    /** 224.0.0.0/4, ff00::/8. */
    MULTICAST,
    /** 0.0.0.0/8, ::. */
    UNSPECIFIED,
    /** 255.255.255.255. */
    BROADCAST,
    /** Documentation, benchmarking, future-use and other special-purpose ranges. */
    RESERVED,
    /** A cloud metadata endpoint (address or name). */
    CLOUD_METADATA;

    /** Lower-case code, e.g. {@code cloud_metadata}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
