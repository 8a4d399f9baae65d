package dev.aiguard.egress.internal;

/** What kind of destination an address is. Everything but {@link #PUBLIC} is denied unless explicitly allowed. */
public enum AddressCategory {
    PUBLIC,
    LOOPBACK,
    PRIVATE,
    LINK_LOCAL,
    CGNAT,
    ULA,
    MULTICAST,
    UNSPECIFIED,
    BROADCAST,
    RESERVED,
    CLOUD_METADATA
}
