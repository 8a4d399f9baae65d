package dev.aiguard.egress;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SsrfCorpusTest {

    private static final List<Corpus.Entry> ATTACKS = Corpus.load("ssrf_attacks.jsonl");

    @Test
    void everyAttackUrlIsDeniedUnderTheDefaultPolicy() {
        EgressGuard guard = EgressGuard.builder(EgressPolicy.defaults()).resolver(new SimulatedInternet()).build();
        List<String> allowed = new ArrayList<>();
        for (Corpus.Entry attack : ATTACKS) {
            if (guard.check(attack.text()).allowed()) {
                allowed.add(attack.text());
            }
        }
        assertThat(ATTACKS).hasSize(122);
        assertThat(allowed).isEmpty();
    }

    /**
     * Stronger than the default policy (which denies everything): with every public host allowed, each attack is
     * still denied for what it really targets, except where the first hop genuinely is a public server (a redirecting
     * server, a rebinding name's first answer). Those are pinned to the public address; the redirect or the second
     * answer is what the redirect and rebinding tests cover.
     */
    @Test
    void attackUrlsAreDeniedForTheirRealTargetWhenAllPublicHostsAreAllowed() {
        EgressGuard guard = EgressGuard.builder(EgressPolicy.builder().enforce().allow(EgressRule.anyHost()).build())
                .resolver(new SimulatedInternet()).cacheTtl(java.time.Duration.ZERO).build();
        List<String> unexpected = new ArrayList<>();
        Set<String> reasons = new LinkedHashSet<>();
        int publicFirstHop = 0;
        for (Corpus.Entry attack : ATTACKS) {
            EgressDecision d = guard.check(attack.text());
            if (firstHopIsPublicServer(attack.text())) {
                publicFirstHop++;
                if (d.denied() || !d.addresses().stream().allMatch(SsrfCorpusTest::isPublic)) {
                    unexpected.add("expected pinned public first hop: " + attack.text() + " -> " + d);
                }
            } else if (d.allowed() || d.reason() == EgressReason.NOT_ALLOWLISTED) {
                unexpected.add(attack.text() + " -> " + d.reason() + " " + d.detail());
            } else {
                reasons.add(d.reason().code());
            }
        }
        assertThat(unexpected).isEmpty();
        assertThat(publicFirstHop).isEqualTo(25);
        assertThat(reasons).contains("cloud_metadata", "loopback", "invalid_url", "userinfo", "unresolvable",
                "unspecified", "private");
    }

    /**
     * The corpus holds one malformed entry, {@code https://marketingplatform.google..../} (empty labels: no resolver
     * can look it up). It is refused as invalid rather than guessed at; every other benign URL must be allowed.
     */
    @Test
    void everyBenignUrlIsAllowedUnderAPolicyAllowingItsHosts() {
        List<Corpus.Entry> benign = Corpus.load("ssrf_benign_urls.jsonl");
        String malformed = "https://marketingplatform.google..../";
        EgressPolicy.Builder policy = EgressPolicy.builder().enforce();
        benign.stream().filter(e -> !e.text().equals(malformed))
                .forEach(e -> policy.allow(EgressRule.host(hostOf(e.text()))));
        EgressGuard guard = EgressGuard.builder(policy.build()).resolver(SsrfCorpusTest::publicAddress).build();
        EgressGuard denyAll = EgressGuard.builder(EgressPolicy.defaults()).resolver(SsrfCorpusTest::publicAddress).build();

        assertThat(benign).hasSize(500);
        List<String> notAllowed = new ArrayList<>();
        for (Corpus.Entry e : benign) {
            EgressDecision d = guard.check(e.text());
            if (d.reason() != EgressReason.ALLOWED) {
                notAllowed.add(e.text() + " -> " + d.reason().code());
            } else {
                assertThat(denyAll.check(e.text()).reason()).as(e.text()).isEqualTo(EgressReason.NOT_ALLOWLISTED);
            }
        }
        assertThat(notAllowed).containsExactly(malformed + " -> invalid_url");
    }

    private static boolean firstHopIsPublicServer(String url) {
        String host = hostOf(url);
        return host.equals("ssrf.localdomain.pw") || host.endsWith(".rebind.network");
    }

    /** The host as a plain reading of the URL text sees it (test bookkeeping only). */
    private static String hostOf(String url) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^[a-z]+://([^/:?#\\\\]+)").matcher(url);
        return m.find() ? m.group(1) : "";
    }

    private static boolean isPublic(InetAddress a) {
        return !(a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress());
    }

    /** Every name answers one stable public address (8.0.0.0/8). */
    private static List<InetAddress> publicAddress(String host) throws java.net.UnknownHostException {
        int h = host.hashCode();
        return FakeDns.literals(List.of("8." + (h & 255) + "." + (h >> 8 & 255) + "." + (h >> 16 & 255)));
    }
}
