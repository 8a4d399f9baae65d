package dev.aiguard.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Offline stand-in for public DNS as the SSRF corpus uses it: wildcard services that embed an IP in the name
 * (nip.io, xip.io incl. its base36 form, localdomain.pw), names pointing at loopback (localtest.me), a rebinding
 * service (rebind.network: first answer, then the second forever) and a few real names. Anything else is NXDOMAIN.
 */
final class SimulatedInternet implements Resolver {

    private static final Pattern DOTTED_TAIL = Pattern.compile("(?:^|[.-])(\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3})$");
    private static final Pattern DASHED_TAIL = Pattern.compile("(\\d{1,3})-(\\d{1,3})-(\\d{1,3})-(\\d{1,3})$");
    private static final Pattern REBIND = Pattern.compile(
            "^a\\.(\\d+\\.\\d+\\.\\d+\\.\\d+)\\.1time\\.(\\d+\\.\\d+\\.\\d+\\.\\d+)\\.\\d+times\\.repeat\\.rebind\\.network$");

    private static final Map<String, String> FIXED = Map.of(
            "localhost", "127.0.0.1",
            "google.com", "142.250.74.46",
            "www.google.com", "142.250.74.36",
            "ssrf.localdomain.pw", "104.21.30.1",
            "ssrf-cloud.localdomain.pw", "169.254.169.254",
            "metadata.tencentyun.com", "169.254.0.23",
            "metadata.google.internal", "169.254.169.254");

    private final Set<String> rebound = ConcurrentHashMap.newKeySet();

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        String fixed = FIXED.get(host);
        if (fixed != null) {
            return FakeDns.literals(List.of(fixed));
        }
        if (host.equals("localtest.me") || host.endsWith(".localtest.me")) {
            return FakeDns.literals(List.of("127.0.0.1"));
        }
        Matcher rebind = REBIND.matcher(host);
        if (rebind.matches()) {
            return FakeDns.literals(List.of(rebound.add(host) ? rebind.group(1) : rebind.group(2)));
        }
        for (String suffix : List.of(".nip.io", ".xip.io", ".localdomain.pw")) {
            if (host.endsWith(suffix)) {
                return FakeDns.literals(List.of(embedded(host.substring(0, host.length() - suffix.length()), host)));
            }
        }
        throw new UnknownHostException(host);
    }

    private static String embedded(String prefix, String host) throws UnknownHostException {
        Matcher dotted = DOTTED_TAIL.matcher(prefix);
        if (dotted.find()) {
            return dotted.group(1);
        }
        Matcher dashed = DASHED_TAIL.matcher(prefix);
        if (dashed.find()) {
            return dashed.group(1) + "." + dashed.group(2) + "." + dashed.group(3) + "." + dashed.group(4);
        }
        String last = prefix.substring(prefix.lastIndexOf('.') + 1);
        if (last.matches("[0-9a-z]{1,7}")) {
            // xip.io's short form: base36 of the address, least significant byte first.
            long v = Long.parseLong(last, 36);
            return (v & 255) + "." + (v >> 8 & 255) + "." + (v >> 16 & 255) + "." + (v >> 24 & 255);
        }
        throw new UnknownHostException(host);
    }
}
