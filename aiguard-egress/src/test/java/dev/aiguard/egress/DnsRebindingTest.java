package dev.aiguard.egress;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class DnsRebindingTest {

    private static final EgressPolicy ALLOW_REBIND = EgressPolicy.builder().enforce()
            .allow(EgressRule.host("rebind.example")).build();

    @Test
    void aNameThatRebindsToPrivateIsDeniedOnTheNextLookup() {
        FakeDns dns = new FakeDns().answer("rebind.example", List.of("93.184.216.34"), List.of("10.0.0.1"));
        EgressGuard guard = EgressGuard.builder(ALLOW_REBIND).resolver(dns).cacheTtl(Duration.ZERO).build();

        EgressDecision first = guard.check("http://rebind.example/");
        EgressDecision second = guard.check("http://rebind.example/");

        assertThat(first.reason()).isEqualTo(EgressReason.ALLOWED);
        assertThat(first.addresses()).extracting(a -> a.getHostAddress()).containsExactly("93.184.216.34");
        assertThat(second.reason()).isEqualTo(EgressReason.PRIVATE);
        assertThat(dns.lookups()).isEqualTo(2);
    }

    @Test
    void oneInternalAddressAmongPublicOnesDeniesTheName() {
        FakeDns dns = new FakeDns().answer("rebind.example", List.of("93.184.216.34", "169.254.169.254"));
        EgressDecision d = EgressGuard.builder(ALLOW_REBIND).resolver(dns).build().check("http://rebind.example/");
        assertThat(d.reason()).isEqualTo(EgressReason.CLOUD_METADATA);
    }

    @Test
    void withinTheCacheTtlEveryCheckSeesTheSameCheckedAnswer() {
        FakeDns dns = new FakeDns().answer("rebind.example", List.of("93.184.216.34"), List.of("127.0.0.1"));
        AtomicLong now = new AtomicLong();
        EgressGuard guard = EgressGuard.builder(ALLOW_REBIND).resolver(dns).cacheTtl(Duration.ofSeconds(30))
                .nanoTime(now::get).build();

        assertThat(guard.check("http://rebind.example/a").reason()).isEqualTo(EgressReason.ALLOWED);
        now.addAndGet(Duration.ofSeconds(29).toNanos());
        assertThat(guard.check("http://rebind.example/b").reason()).isEqualTo(EgressReason.ALLOWED);
        assertThat(dns.lookups()).isEqualTo(1);
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(guard.check("http://rebind.example/c").reason()).isEqualTo(EgressReason.LOOPBACK);
        assertThat(dns.lookups()).isEqualTo(2);
    }

    @Test
    void rebindNetworkStyleNameIsPinnedToItsFirstAnswer() {
        SimulatedInternet internet = new SimulatedInternet();
        EgressGuard guard = EgressGuard.builder(EgressPolicy.builder().enforce().allow(EgressRule.anyHost()).build())
                .resolver(internet).cacheTtl(Duration.ZERO).build();
        String url = "http://A.34.192.228.43.1time.127.0.0.1.99times.repeat.rebind.network/";
        EgressDecision first = guard.check(url);
        assertThat(first.reason()).isEqualTo(EgressReason.ALLOWED);
        assertThat(first.addresses()).extracting(a -> a.getHostAddress()).containsExactly("34.192.228.43");
        assertThat(guard.check(url).reason()).isEqualTo(EgressReason.LOOPBACK);
    }

    @Test
    void resolverFailuresAreDenialsNotExceptions() {
        Resolver broken = host -> {
            throw new IllegalStateException("resolver bug");
        };
        EgressDecision d = EgressGuard.builder(ALLOW_REBIND).resolver(broken).build().check("http://rebind.example/");
        assertThat(d.reason()).isEqualTo(EgressReason.UNRESOLVABLE);
        Resolver empty = host -> List.of();
        assertThat(EgressGuard.builder(ALLOW_REBIND).resolver(empty).build().check("http://rebind.example/").reason())
                .isEqualTo(EgressReason.UNRESOLVABLE);
    }
}
