package dev.aiguard.hardening.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.aiguard.egress.EgressDecision;
import dev.aiguard.egress.EgressGuard;
import dev.aiguard.egress.EgressPolicy;
import dev.aiguard.egress.EgressRule;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The URL and host canonicalizer behind every egress decision, with an oracle: every host name resolves to an
 * internal address (loopback, private, link-local metadata), and the policy allows any host, so a URL may only be
 * allowed when it names a public IP literal. Any other allowed decision is an SSRF bypass. The oracle classifies
 * the pinned addresses itself, independently of the guard's own range tables.
 */
class EgressUrlFuzzTest {

    private static final List<InetAddress> INTERNAL = List.of(
            address(new byte[] {127, 0, 0, 1}), address(new byte[] {10, 0, 0, 7}),
            address(new byte[] {(byte) 169, (byte) 254, (byte) 169, (byte) 254}));

    private final EgressGuard guard = EgressGuard.builder(EgressPolicy.builder().enforce()
                    .allow(EgressRule.anyHost()).build())
            .resolver(host -> INTERNAL)
            .build();

    @FuzzTest
    void noUrlReachesAnInternalAddress(byte[] input) {
        String url = new String(input, StandardCharsets.UTF_8);
        EgressDecision decision = guard.check(url);
        if (decision.allowed()) {
            for (InetAddress pinned : decision.addresses()) {
                if (internal(pinned)) {
                    throw new IllegalStateException("allowed " + url + " -> " + pinned);
                }
            }
        }
    }

    private static boolean internal(InetAddress a) {
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second < 128);   // this network, CGNAT
        }
        if (a instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc;                                          // unique local
        }
        return false;
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
