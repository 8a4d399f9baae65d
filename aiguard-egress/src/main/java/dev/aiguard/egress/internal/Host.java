package dev.aiguard.egress.internal;

/**
 * A parsed, canonical host: either a domain name (ASCII, lower case, IDN in punycode, no trailing dot) or an IP
 * address (with the IPv6 zone id, if one was written).
 *
 * @param name   the domain name, or {@code null} for an address
 * @param ip     the address, or {@code null} for a name
 * @param zoneId the IPv6 zone id written in the URL, or {@code null}
 */
public record Host(String name, IpAddress ip, String zoneId) {

    public static Host ofName(String name) {
        return new Host(name, null, null);
    }

    public static Host ofIp(IpAddress ip) {
        return new Host(null, ip, null);
    }

    public boolean isIp() {
        return ip != null;
    }

    /** The host as it appears in a URI or Host header (IPv6 bracketed, without zone). */
    public String uriText() {
        return ip != null ? ip.uriHost() : name;
    }

    @Override
    public String toString() {
        return uriText();
    }
}
